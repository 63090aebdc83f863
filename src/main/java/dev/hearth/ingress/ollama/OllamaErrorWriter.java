package dev.hearth.ingress.ollama;

import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a refusal the way Ollama does: {@code {"error": "..."}} with the refusal's HTTP status (400 invalid, 404
 * unknown model or path, 413 too large; Hearth's own 429/502/503/504 keep their status, which Ollama clients treat
 * like Ollama's 500: they show the message). Retry-After is sent when the refusal carries one.
 *
 * <p>An unknown model is worded like Ollama's own answer ({@code model "x" not found, ...}) because clients and
 * their users recognise it, but says it is this Hearth gateway that does not serve it, and where the list is.
 * Stateless; {@link #forModel} makes a writer that knows the model name a request asked for.
 */
public enum OllamaErrorWriter implements HttpClientSink.ErrorWriter {
    INSTANCE;

    @Override
    public void write(HttpServerResponse response, GatewayError error) {
        write(response, error, null);
    }

    /** A writer that names {@code model} when the refusal is "model not found". */
    static HttpClientSink.ErrorWriter forModel(String model) {
        return (response, error) -> INSTANCE.write(response, error, model);
    }

    private void write(HttpServerResponse response, GatewayError error, String model) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        String message = model != null && "model_not_found".equals(error.code()) ? notFound(model) : error.message();
        if (error.retryAfter() != null) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        write(response, error.httpStatus(), message);
    }

    /** A status Hearth's error kinds do not have (501 for model management), in the same shape. */
    static void write(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body(message));
    }

    static String notFound(String model) {
        return "model \"" + model + "\" not found: this Hearth gateway serves no model by that name"
                + " (GET /api/tags lists the models it serves)";
    }

    /** {@code {"error": message}}, also the in-band error line of a stream (without its line end). */
    static Buffer body(String message) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("error", message);
            gen.writeEndObject();
        });
    }
}
