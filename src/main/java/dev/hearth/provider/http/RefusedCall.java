package dev.hearth.provider.http;

import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * An attempt refused before any network call (the request cannot be sent to this backend). The failure is reported
 * on the caller's context after {@code streamChat} has returned, as a network failure would be, so the caller has
 * its {@link UpstreamCall} in hand before its listener hears anything. Without a Vert.x context (plain unit tests)
 * it is reported at once. Cancelling before the report suppresses it.
 */
public final class RefusedCall implements UpstreamCall {
    private boolean over;

    private RefusedCall() {}

    public static UpstreamCall report(UpstreamFailure failure, UpstreamListener listener) {
        RefusedCall call = new RefusedCall();
        Runnable deliver = () -> {
            if (!call.over) {
                call.over = true;
                listener.onFailure(failure);
            }
        };
        Context context = Vertx.currentContext();
        if (context == null) {
            deliver.run();
        } else {
            context.runOnContext(v -> deliver.run());
        }
        return call;
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void cancel() {
        over = true;
    }
}
