package dev.hearth.ingress.common;

import dev.hearth.dispatch.ClientSink;
import dev.hearth.dispatch.Served;
import dev.hearth.error.GatewayError;
import dev.hearth.limits.RateLimitState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * The HTTP half every dialect's sink shares: explanation headers, backpressure, disconnect detection, and error
 * responses before anything was sent. Dialects supply the body format.
 */
public abstract class HttpClientSink implements ClientSink {
    protected final HttpServerResponse response;
    private final ErrorWriter errors;
    private Runnable onGone;
    private boolean begun;

    /** Renders a refusal in a dialect's error shape, status and headers included. */
    @FunctionalInterface
    public interface ErrorWriter {
        void write(HttpServerResponse response, GatewayError error);
    }

    protected HttpClientSink(HttpServerResponse response, ErrorWriter errors) {
        this.response = response;
        this.errors = errors;
        response.closeHandler(v -> {
            if (!response.ended() && onGone != null) {
                onGone.run();
            }
        });
    }

    @Override
    public final void begin(Served served) {
        begun = true;
        HearthHeaders.served(response, served);
        onBegin(served);
    }

    /** Headers are set; write the status line and the first bytes if the format needs them now. */
    protected abstract void onBegin(Served served);

    /** An error after {@link #begin}: end the stream with the dialect's in-band error. */
    protected abstract void failInBand(GatewayError error);

    @Override
    public final void fail(GatewayError error) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (begun) {
            failInBand(error);
        } else {
            errors.write(response, error);
        }
    }

    protected void write(Buffer buffer) {
        if (!response.closed()) {
            response.write(buffer);
        }
    }

    @Override
    public boolean writeQueueFull() {
        return !response.closed() && response.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable resume) {
        response.drainHandler(v -> resume.run());
    }

    @Override
    public void onClientGone(Runnable cancel) {
        this.onGone = cancel;
        if (response.closed() && !response.ended()) {
            cancel.run(); // gone while an earlier stage ran on a worker thread
        }
    }

    /** Which rate-limit header names this dialect's clients read; OpenAI's unless a dialect has its own. */
    protected RateLimitHeaders rateLimitHeaders() {
        return RateLimitHeaders.OPENAI;
    }

    @Override
    public void rateLimits(RateLimitState state) {
        rateLimitHeaders().write(response, state);
    }

    @Override
    public void privacy(String dataClasses, String action) {
        if (!response.headWritten()) {
            HearthHeaders.privacy(response, dataClasses, action);
        }
    }
}
