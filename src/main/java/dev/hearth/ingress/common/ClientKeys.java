package dev.hearth.ingress.common;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place a client's API key is read, whatever header its dialect puts it in: {@code x-api-key} (Anthropic's
 * SDKs, Claude Code) or {@code Authorization: Bearer} (OpenAI's SDKs, and Anthropic clients configured with an auth
 * token). Hearth does not check keys yet; the governance work plugs in where dialects call {@link #presented}.
 *
 * <p>Stateless and thread-safe. The key is never logged and never put into an error message.
 */
public final class ClientKeys {
    private static final String BEARER = "bearer ";

    private ClientKeys() {}

    /**
     * The key the client presented: {@code x-api-key} when it is set and not blank, else the token of an
     * {@code Authorization: Bearer} header; empty when neither is there (other authorization schemes included).
     */
    public static Optional<String> presented(HttpServerRequest request) {
        return presented(request.getHeader("x-api-key"), request.getHeader("Authorization"));
    }

    static Optional<String> presented(String apiKey, String authorization) {
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.strip());
        }
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            String token = authorization.substring(BEARER.length()).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
