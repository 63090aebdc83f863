package dev.hearth.config;

import dev.hearth.auth.AuthMode;
import dev.hearth.auth.oidc.OidcSettings;
import java.time.Duration;

/**
 * @param mode       whether model requests need a key; null means "by the bind address" (optional on loopback,
 *                   required otherwise), decided when the server starts because {@code --host} may override it
 * @param keyRefresh how often the server reloads keys changed by other processes ({@code hearth keys revoke}): the
 *                   longest a revoked key keeps working
 * @param oidc       bearer JWTs from an identity provider, or null when only API keys are accepted
 */
public record AuthConfig(AuthMode mode, Duration keyRefresh, OidcSettings oidc) {
    public static final Duration DEFAULT_KEY_REFRESH = Duration.ofSeconds(2);

    public AuthConfig(AuthMode mode, Duration keyRefresh) {
        this(mode, keyRefresh, null);
    }

    public static AuthConfig defaults() {
        return new AuthConfig(null, DEFAULT_KEY_REFRESH);
    }

    /** The mode in force for a server bound to {@code host}. */
    public AuthMode effectiveMode(String host) {
        return mode != null ? mode : AuthMode.defaultFor(isLoopbackBind(host));
    }

    /** Whether a bind address only accepts connections from this machine. */
    public static boolean isLoopbackBind(String host) {
        return host != null && (Loopback.isLoopback(host) || host.equals("::1"));
    }
}
