package dev.hearth.ingress.anthropic;

import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HearthHeaders;
import dev.hearth.ingress.common.HttpClientSink;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a refusal as an Anthropic error response (shape and status from {@link AnthropicErrors}), with
 * {@code retry-after} when the refusal carries one, the {@code request-id} header Anthropic's SDKs read (mirroring
 * {@code x-request-id}), and {@code x-should-retry: false} when retrying cannot help, a header the SDKs obey over
 * their status-based retry rule. Does nothing once the response head was written.
 */
public enum AnthropicErrorWriter implements HttpClientSink.ErrorWriter {
    INSTANCE;

    /** The request id header of Anthropic's API; its SDKs expose it as the response's request id. */
    static final String REQUEST_ID = "request-id";

    @Override
    public void write(HttpServerResponse response, GatewayError error) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        String requestId = response.headers().get(HearthHeaders.REQUEST_ID);
        int status = AnthropicErrors.status(error);
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 529) {
            response.setStatusMessage("Overloaded"); // no standard reason phrase for Anthropic's own status
        }
        if (requestId != null) {
            response.putHeader(REQUEST_ID, requestId);
        }
        if (error.retryAfter() != null) {
            response.putHeader("retry-after", Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        if (AnthropicErrors.permanent(error)) {
            response.putHeader("x-should-retry", "false");
        }
        response.end(AnthropicErrors.body(error, requestId));
    }
}
