package dev.hearth.auth;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The refusals of authentication and authorisation, worded for clients. None of them quotes the presented key or
 * says whether a prefix exists; the revoked and expired answers are given only to a caller who proved they hold the
 * key.
 */
public final class AuthErrors {
    private static final String HOW = "send it as 'Authorization: Bearer hrth_...' or 'x-api-key: hrth_...'";

    private AuthErrors() {}

    public static GatewayError missing() {
        return error(ErrorKind.AUTHENTICATION, "missing_api_key", "This request needs an API key: " + HOW + ".");
    }

    public static GatewayError malformed(String reason) {
        return error(ErrorKind.AUTHENTICATION, "invalid_api_key", "The API key could not be read: " + reason + ".");
    }

    public static GatewayError invalid() {
        return error(ErrorKind.AUTHENTICATION, "invalid_api_key",
                "The API key is not valid. Check for a typo, or ask an admin for a key (hearth keys create).");
    }

    public static GatewayError revoked() {
        return error(ErrorKind.AUTHENTICATION, "api_key_revoked", "This API key has been revoked.");
    }

    public static GatewayError expired() {
        return error(ErrorKind.AUTHENTICATION, "api_key_expired", "This API key has expired.");
    }

    public static GatewayError modelNotAllowed(String model) {
        return new GatewayError(ErrorKind.PERMISSION, "This API key may not use the model '" + model + "'.",
                "model_not_allowed", "model", null);
    }

    public static GatewayError roleRequired(Role... roles) {
        String names = Arrays.stream(roles).map(Role::wire).collect(Collectors.joining(" or "));
        return error(ErrorKind.PERMISSION, "insufficient_role", "This needs a key with the role " + names + ".");
    }

    private static GatewayError error(ErrorKind kind, String code, String message) {
        return new GatewayError(kind, message, code, null, null);
    }
}
