package dev.hearth.ingress.openai;

import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import io.vertx.core.http.HttpServerResponse;

/** Writes a refusal as an OpenAI error response, with Retry-After when the refusal carries one. */
public enum OpenAiErrorWriter implements HttpClientSink.ErrorWriter {
    INSTANCE;

    @Override
    public void write(HttpServerResponse response, GatewayError error) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(error.httpStatus()).putHeader("Content-Type", "application/json");
        if (error.retryAfter() != null) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        response.end(OpenAiErrors.body(error));
    }
}
