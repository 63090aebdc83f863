package dev.hearth.ingress.common;

import dev.hearth.auth.PresentedKey;
import dev.hearth.config.Secret;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * Reads the API key a client presented, whatever its dialect: {@code Authorization: Bearer <key>} (OpenAI and Ollama
 * clients) or {@code x-api-key: <key>} (Anthropic clients). Every dialect uses this one reader, so a key is found
 * (and refused) the same way everywhere.
 *
 * <p>Rules: no header is {@link PresentedKey#ABSENT}; a header that cannot carry a key (another scheme, an empty
 * token, the header twice) is {@link PresentedKey.Malformed}; both headers with the same key count once, with
 * different keys they are malformed, since it would be a guess which one the client meant. The key is wrapped in a
 * {@link Secret} at once and is never logged or quoted in a reason. Stateless and thread-safe.
 */
public final class Credentials {
    private static final String BEARER = "bearer ";

    private Credentials() {}

    public static PresentedKey from(HttpServerRequest request) {
        return from(request.headers().getAll("x-api-key"), request.headers().getAll("Authorization"));
    }

    static PresentedKey from(List<String> apiKeys, List<String> authorizations) {
        if (apiKeys.size() > 1 || authorizations.size() > 1) {
            return new PresentedKey.Malformed("the request has more than one " + (apiKeys.size() > 1
                    ? "x-api-key" : "Authorization") + " header");
        }
        String apiKey = apiKeys.isEmpty() ? null : apiKeys.getFirst().strip();
        String bearer = null;
        if (!authorizations.isEmpty()) {
            String authorization = authorizations.getFirst().strip();
            if (authorization.length() < BEARER.length()
                    || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
                return new PresentedKey.Malformed("the Authorization header must be 'Bearer <key>'");
            }
            bearer = authorization.substring(BEARER.length()).strip();
            if (bearer.isEmpty()) {
                return new PresentedKey.Malformed("the Authorization header has an empty Bearer token");
            }
        }
        if (apiKey != null && apiKey.isEmpty()) {
            return new PresentedKey.Malformed("the x-api-key header is empty");
        }
        if (apiKey != null && bearer != null && !apiKey.equals(bearer)) {
            return new PresentedKey.Malformed("the Authorization and x-api-key headers carry different keys");
        }
        String key = apiKey != null ? apiKey : bearer;
        return key == null ? PresentedKey.ABSENT : new PresentedKey.Key(Secret.of(key));
    }
}
