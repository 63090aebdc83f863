package dev.hearth.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.StreamEvent;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects one attempt's listener calls from whatever thread they arrive on, and lets a test wait for the end with a
 * timeout. Also remembers the threads used and counts terminal calls, so tests can check the listener contract.
 */
final class RecordingListener implements UpstreamListener {
    /** How the attempt ended: completed ({@code failure} null) or failed. */
    record Outcome(boolean completed, UpstreamFailure failure) {}

    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger terminalCalls = new AtomicInteger();
    private final AtomicInteger callsAfterEnd = new AtomicInteger();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<StreamEvent> firstContent = new CompletableFuture<>();

    @Override
    public void onEvent(StreamEvent event) {
        note();
        events.add(event);
        if (event.isContent()) {
            firstContent.complete(event);
        }
    }

    @Override
    public void onComplete() {
        note();
        terminalCalls.incrementAndGet();
        outcome.complete(new Outcome(true, null));
    }

    @Override
    public void onFailure(UpstreamFailure failure) {
        note();
        terminalCalls.incrementAndGet();
        outcome.complete(new Outcome(false, failure));
    }

    private void note() {
        threads.add(Thread.currentThread());
        if (outcome.isDone()) {
            callsAfterEnd.incrementAndGet();
        }
    }

    /** The canonical events in order, without the wire frames that accompany them. */
    List<StreamEvent> events() {
        return events.stream().filter(e -> !(e instanceof StreamEvent.WireFrame)).toList();
    }

    /** The wire frames alone, in order. */
    List<StreamEvent.WireFrame> frames() {
        return events(StreamEvent.WireFrame.class);
    }

    <T extends StreamEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    boolean ended() {
        return outcome.isDone();
    }

    Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    int terminalCalls() {
        return terminalCalls.get();
    }

    Outcome await() {
        try {
            Outcome result = outcome.get(10, TimeUnit.SECONDS);
            assertThat(callsAfterEnd).as("listener calls after the terminal call").hasValue(0);
            return result;
        } catch (Exception e) {
            throw new AssertionError("the attempt did not end within 10 s; events so far: " + events, e);
        }
    }

    void awaitCompletion() {
        Outcome result = await();
        assertThat(result.failure()).as("failure").isNull();
        assertThat(result.completed()).isTrue();
    }

    UpstreamFailure awaitFailure() {
        Outcome result = await();
        assertThat(result.completed()).as("completed instead of failing, events: " + events).isFalse();
        return result.failure();
    }

    StreamEvent awaitFirstContent() {
        try {
            return firstContent.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no content within 10 s; outcome: " + outcome.getNow(null), e);
        }
    }
}
