package dev.hearth.server;

import dev.hearth.dispatch.Scheduler;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Vert.x timers: set from an event loop, they fire on that same event loop. */
final class VertxScheduler implements Scheduler {
    private final Vertx vertx;

    VertxScheduler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
