package dev.hearth.ingress.anthropic;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;

/**
 * Renders a refusal in Anthropic's error shape, {@code {"type":"error","error":{"type","message"},"request_id"}}, and
 * decides its status. Anthropic's documented statuses and types are used where they say the same thing as Hearth's
 * refusal; elsewhere Hearth keeps its own status (Anthropic's SDKs treat every 5xx alike):
 *
 * <ul>
 *   <li>No backend reachable right now (all unreachable, or every circuit open): <b>529 {@code overloaded_error}</b>,
 *       Anthropic's "temporarily out of capacity, retry later", which Claude Code and the SDKs retry with backoff.</li>
 *   <li>No chat backend configured at all: 503 {@code api_error} with {@code x-should-retry: false} (see
 *       {@link AnthropicErrorWriter}): retrying cannot help until someone configures a backend.</li>
 *   <li>Timeouts: 504 {@code timeout_error}; other upstream failures 502 {@code api_error}; Hearth's own faults
 *       500 {@code api_error}.</li>
 *   <li>Context too long and content-policy refusals: 400 {@code invalid_request_error}, as Anthropic reports them;
 *       405 and 415 keep their status with {@code invalid_request_error}, which Anthropic uses for any other 4xx.</li>
 * </ul>
 * Anthropic's shape has no {@code param}; the message names the field. Stateless.
 */
public final class AnthropicErrors {
    /** The code the pipeline gives its "nothing configured" refusal, as opposed to "nothing reachable now". */
    static final String NOTHING_CONFIGURED = "no_chat_backend";

    private AnthropicErrors() {}

    public static Buffer body(GatewayError error, String requestId) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "error");
            gen.writeObjectFieldStart("error");
            gen.writeStringField("type", type(error));
            gen.writeStringField("message", error.message());
            gen.writeEndObject();
            if (requestId != null) {
                gen.writeStringField("request_id", requestId);
            }
            gen.writeEndObject();
        });
    }

    static int status(GatewayError error) {
        return overloaded(error) ? 529 : error.httpStatus();
    }

    static String type(GatewayError error) {
        if (overloaded(error)) {
            return "overloaded_error";
        }
        return switch (error.kind()) {
            case INVALID_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, CONTEXT_LENGTH_EXCEEDED,
                    CONTENT_POLICY -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_error";
            case TIMEOUT -> "timeout_error";
            case UPSTREAM_ERROR, NO_BACKEND, UNAVAILABLE, INTERNAL -> "api_error";
        };
    }

    /** Retrying cannot help: nothing is configured to answer. */
    static boolean permanent(GatewayError error) {
        return error.kind() == ErrorKind.NO_BACKEND && NOTHING_CONFIGURED.equals(error.code());
    }

    private static boolean overloaded(GatewayError error) {
        return switch (error.kind()) {
            case UNAVAILABLE -> true;
            case NO_BACKEND -> !permanent(error);
            default -> false;
        };
    }
}
