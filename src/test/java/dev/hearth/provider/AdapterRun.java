package dev.hearth.provider;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.StreamEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one adapter call on a Vert.x event loop, as dispatch does, and collects what the listener heard: the events in
 * order, then exactly one terminal outcome. Also checks the listener contract (all calls on the starting thread,
 * nothing after the terminal call).
 */
public final class AdapterRun implements UpstreamListener {
    private final List<StreamEvent> events = new ArrayList<>();
    private final CompletableFuture<UpstreamFailure> outcome = new CompletableFuture<>();
    private final List<String> violations = new ArrayList<>();
    private volatile Thread loopThread;
    private volatile UpstreamCall call;
    private boolean ended;

    /** Starts {@code request} on a fresh event-loop context of {@code vertx}. */
    public static AdapterRun start(Vertx vertx, ProviderAdapter adapter, ChatRequest request, String model) {
        AdapterRun run = new AdapterRun();
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Void> started = new CompletableFuture<>();
        context.runOnContext(v -> {
            run.loopThread = Thread.currentThread();
            run.call = adapter.streamChat(request, model, run);
            started.complete(null);
        });
        started.join();
        return run;
    }

    @Override
    public synchronized void onEvent(StreamEvent event) {
        check("onEvent");
        events.add(event);
    }

    @Override
    public synchronized void onComplete() {
        check("onComplete");
        ended = true;
        outcome.complete(null);
    }

    @Override
    public synchronized void onFailure(UpstreamFailure failure) {
        check("onFailure");
        ended = true;
        outcome.complete(failure);
    }

    private void check(String what) {
        if (ended) {
            violations.add(what + " after the terminal call");
        }
        if (loopThread != null && Thread.currentThread() != loopThread) {
            violations.add(what + " on " + Thread.currentThread().getName() + ", not the starting event loop");
        }
    }

    /** Waits for the terminal call; null means completed, otherwise the failure. */
    public UpstreamFailure await(Duration limit) {
        try {
            return outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no terminal call within " + limit + "; events so far: " + events(), e);
        }
    }

    public boolean ended() {
        return outcome.isDone();
    }

    public UpstreamCall call() {
        return call;
    }

    public synchronized List<StreamEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The text of all text deltas, joined. */
    public synchronized String text() {
        StringBuilder out = new StringBuilder();
        events.forEach(e -> {
            if (e instanceof StreamEvent.TextDelta d) {
                out.append(d.text());
            }
        });
        return out.toString();
    }
}
