package dev.hearth.ingress.openai;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;

/** Renders a refusal as OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. */
public final class OpenAiErrors {
    private OpenAiErrors() {}

    public static Buffer body(GatewayError error) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeObjectFieldStart("error");
            gen.writeStringField("message", error.message());
            gen.writeStringField("type", type(error.kind()));
            gen.writeStringField("param", error.param());
            gen.writeStringField("code", error.code() != null ? error.code() : defaultCode(error.kind()));
            gen.writeEndObject();
            gen.writeEndObject();
        });
    }

    static String type(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                    CONTEXT_LENGTH_EXCEEDED, CONTENT_POLICY -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case UPSTREAM_ERROR, NO_BACKEND, UNAVAILABLE, TIMEOUT, INTERNAL -> "server_error";
        };
    }

    private static String defaultCode(ErrorKind kind) {
        return switch (kind) {
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case TIMEOUT -> "upstream_timeout";
            case NO_BACKEND, UNAVAILABLE -> "service_unavailable";
            case UPSTREAM_ERROR -> "upstream_error";
            case INTERNAL -> "internal_error";
            default -> null;
        };
    }
}
