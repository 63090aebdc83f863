package dev.hearth.pipeline;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs work that would hold an event loop too long (inspecting a large request) on a worker thread, and hands the
 * outcome back on the caller's event loop, so the stages after it stay on the request's thread.
 */
@FunctionalInterface
public interface Offload {

    /** Runs {@code work} elsewhere; {@code then} receives its result or its failure (one of them null) on this loop. */
    <T> void run(Supplier<T> work, BiConsumer<T, Throwable> then);

    /** Runs the work at once on the calling thread (tests, and callers not on an event loop). */
    Offload INLINE = new Offload() {
        @Override
        public <T> void run(Supplier<T> work, BiConsumer<T, Throwable> then) {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error failure) {
                then.accept(null, failure);
                return;
            }
            then.accept(result, null);
        }
    };
}
