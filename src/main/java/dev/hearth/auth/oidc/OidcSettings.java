package dev.hearth.auth.oidc;

import dev.hearth.auth.Role;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How bearer JWTs from the organisation's identity provider are checked and read.
 *
 * @param issuer      the exact {@code iss} a token must carry
 * @param audiences   a token's {@code aud} must name at least one of these
 * @param jwksUrl     where the issuer publishes its signing keys (from configuration only)
 * @param algorithms  the JWS algorithms accepted (never {@code none}; HMAC algorithms are not accepted at all)
 * @param clockSkew   tolerance for {@code exp} and {@code nbf}
 * @param jwksRefresh how often the key set is fetched again; a token naming an unknown key triggers an earlier fetch
 * @param userClaim   claim (dotted path for nested claims) naming the user; default {@code sub}
 * @param teamClaim   claim naming the team (a string, or the first of a list), or null
 * @param rolesClaim  claim holding role names (a string or a list), or null: everyone is a member
 * @param roleMap     role claim values to Hearth roles; the strongest match wins, none means member
 */
public record OidcSettings(String issuer, List<String> audiences, URI jwksUrl, List<String> algorithms,
        Duration clockSkew, Duration jwksRefresh, String userClaim, String teamClaim, String rolesClaim,
        Map<String, Role> roleMap) {

    public OidcSettings {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        roleMap = Map.copyOf(roleMap);
    }
}
