package dev.hearth.ingress.responses;

import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;

/**
 * The 400 for a Responses API feature Hearth deliberately does not serve (stored state, background mode, built-in
 * tools, uploaded files): OpenAI's {@code unsupported_parameter} code and a message that names the field and says
 * what to send instead.
 */
final class Unsupported {
    static final String CODE = "unsupported_parameter";

    private Unsupported() {}

    static GatewayException feature(String param, String message) {
        return new GatewayException(GatewayError.invalid(param, message).withCode(CODE));
    }

    /** For fields that only make sense against a server that keeps responses. */
    static GatewayException storedState(String param, String what) {
        return feature(param, "'" + param + "' is not supported: " + what + " Hearth is a stateless gateway and"
                + " does not store responses; send the whole conversation in 'input' (earlier output items and"
                + " function_call_output items included).");
    }
}
