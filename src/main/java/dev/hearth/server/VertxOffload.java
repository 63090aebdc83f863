package dev.hearth.server;

import dev.hearth.pipeline.Offload;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@link Offload} on Vert.x worker threads: the work runs via the caller's context, whose future completes back on
 * the caller's event loop. Unordered, so large requests from one loop are inspected in parallel. Without a Vert.x
 * context (a caller that is not on an event loop) the work runs inline.
 */
final class VertxOffload implements Offload {

    @Override
    public <T> void run(Supplier<T> work, BiConsumer<T, Throwable> then) {
        Context context = Vertx.currentContext();
        if (context == null) {
            Offload.INLINE.run(work, then);
            return;
        }
        context.executeBlocking(work::get, false).onComplete(done -> then.accept(done.result(), done.cause()));
    }
}
