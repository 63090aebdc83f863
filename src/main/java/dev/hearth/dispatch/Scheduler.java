package dev.hearth.dispatch;

import java.time.Duration;

/** Timers on the caller's own thread (an event loop), so that dispatch state needs no locks. */
public interface Scheduler {

    /** Runs {@code task} once after {@code delay} on the calling thread's event loop. */
    Cancellable after(Duration delay, Runnable task);

    long nanoTime();

    interface Cancellable {
        void cancel();
    }
}
