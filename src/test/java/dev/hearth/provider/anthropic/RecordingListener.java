package dev.hearth.provider.anthropic;

import dev.hearth.model.StreamEvent;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Records one attempt's listener calls for assertions: events in order, the single terminal outcome, how many
 * terminal calls arrived (the contract allows one), and whether any call came off a Vert.x event loop. Safe to read
 * from the test thread.
 */
final class RecordingListener implements UpstreamListener {
    /** How the attempt ended: {@code failure} is null when it completed. */
    record Outcome(boolean completed, UpstreamFailure failure) {}

    private final List<StreamEvent> events = new ArrayList<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> firstContent = new CompletableFuture<>();
    private final boolean expectEventLoop;
    private int terminalCalls;
    private int callsAfterEnd;
    private boolean offEventLoop;

    private RecordingListener(boolean expectEventLoop) {
        this.expectEventLoop = expectEventLoop;
    }

    /** For decoder tests, fed from the test thread. */
    static RecordingListener direct() {
        return new RecordingListener(false);
    }

    /** For adapter tests, where every call must arrive on an event loop. */
    static RecordingListener onEventLoop() {
        return new RecordingListener(true);
    }

    @Override
    public synchronized void onEvent(StreamEvent event) {
        check();
        events.add(event);
        if (event.isContent()) {
            firstContent.complete(null);
        }
    }

    @Override
    public synchronized void onComplete() {
        check();
        terminalCalls++;
        outcome.complete(new Outcome(true, null));
    }

    @Override
    public synchronized void onFailure(UpstreamFailure failure) {
        check();
        terminalCalls++;
        outcome.complete(new Outcome(false, failure));
    }

    private void check() {
        if (outcome.isDone()) {
            callsAfterEnd++;
        }
        if (expectEventLoop && !Context.isOnEventLoopThread()) {
            offEventLoop = true;
        }
    }

    /** The canonical events in order, without the wire frames that accompany them. */
    synchronized List<StreamEvent> events() {
        return events.stream().filter(e -> !(e instanceof StreamEvent.WireFrame)).toList();
    }

    /** Events of one type, in order. */
    synchronized <T extends StreamEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The outcome, waiting at most {@code timeout}; fails the test when none arrives. */
    Outcome await(Duration timeout) {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no outcome within " + timeout + "; events so far: " + events(), e);
        }
    }

    /** Waits at most {@code timeout} for the first content event; fails the test when none arrives. */
    void awaitContent(Duration timeout) {
        try {
            firstContent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no content within " + timeout + "; outcome: " + outcomeNow(), e);
        }
    }

    /** The outcome if there is one already, else null. */
    Outcome outcomeNow() {
        return outcome.getNow(null);
    }

    synchronized boolean wellBehaved() {
        return terminalCalls <= 1 && callsAfterEnd == 0 && !offEventLoop;
    }
}
