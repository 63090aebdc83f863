package dev.hearth.auth.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a bearer JWT from the organisation's identity provider and turns it into a {@link Principal}: the
 * signature against the issuer's published keys ({@link JwksCache}) with an allow-list of algorithms (so {@code none}
 * and an HMAC token "signed" with a public key are refused), then {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf} with a small clock skew; then the configured claims name the user, the team and the roles.
 *
 * <p>Threading: stateless apart from the key cache; safe from any thread, never blocks (one signature check).
 */
public final class JwtVerifier implements AutoCloseable {
    private static final Pattern COMPACT_JWS = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    private final OidcSettings settings;
    private final JwksCache keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtVerifier(OidcSettings settings, Clock clock) {
        this(settings, new JwksCache(settings.jwksUrl(), settings.jwksRefresh(), clock));
    }

    JwtVerifier(OidcSettings settings, JwksCache keys) {
        this.settings = settings;
        this.keys = keys;
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        settings.algorithms().forEach(name -> algorithms.add(JWSAlgorithm.parse(name)));
        JWKSource<SecurityContext> source = (selector, context) -> {
            List<JWK> found = selector.select(keys.current());
            if (found.isEmpty()) {
                keys.unknownKeySeen();
            }
            return found;
        };
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(settings.audiences()), new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("exp"), null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Whether a presented credential has the shape of a compact JWS (and so is not a Hearth key). */
    public static boolean looksLikeJwt(String token) {
        return token.length() < 16_384 && COMPACT_JWS.matcher(token).matches();
    }

    /** Fetches the issuer's keys before the first request (at start-up); false when they could not be fetched. */
    public boolean loadKeys() {
        return keys.fetchNow(java.time.Duration.ofSeconds(10));
    }

    /** The principal the token names; a 401 {@link GatewayException} for any token that does not hold. */
    public Principal verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException bad) {
            throw refused(claimProblem(bad.getMessage()));
        } catch (BadJOSEException bad) {
            String message = bad.getMessage() == null ? "" : bad.getMessage();
            if (message.contains("plain") || message.contains("Unsecured")) {
                throw refused("unsigned tokens (alg none) are not accepted");
            }
            throw refused("its signature does not verify with the issuer's keys and the accepted algorithms "
                    + settings.algorithms());
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException bad) {
            throw refused("it is not a well-formed signed JWT");
        }
        String user = text(claim(claims.getClaims(), settings.userClaim()));
        if (user == null || user.isBlank()) {
            throw refused("it has no '" + settings.userClaim() + "' claim to name the user");
        }
        String team = settings.teamClaim() == null ? null : text(claim(claims.getClaims(), settings.teamClaim()));
        return new Principal(Principal.Kind.TOKEN, null, null, user, team, role(claims), List.of(), user, Quota.NONE,
                null);
    }

    private Role role(JWTClaimsSet claims) {
        if (settings.rolesClaim() == null) {
            return Role.MEMBER;
        }
        Object value = claim(claims.getClaims(), settings.rolesClaim());
        List<Object> names = new ArrayList<>();
        if (value instanceof List<?> list) {
            names.addAll(list);
        } else if (value != null) {
            names.add(value);
        }
        Role best = Role.MEMBER;
        for (Object name : names) {
            Role mapped = settings.roleMap().get(String.valueOf(name));
            if (mapped != null && mapped.ordinal() < best.ordinal()) { // ADMIN < AUDITOR < MEMBER
                best = mapped;
            }
        }
        return best;
    }

    /** A claim by dotted path ({@code realm_access.roles}). */
    private static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.getFirst());
        }
        return value == null ? null : String.valueOf(value);
    }

    private static String claimProblem(String message) {
        String m = message == null ? "" : message;
        if (m.contains("Payload") || m.contains("JSON")) {
            return "it is not a well-formed signed JWT";
        }
        if (m.contains("Expired")) {
            return "it has expired";
        }
        if (m.contains("before use time") || m.contains("nbf")) {
            return "it is not valid yet (nbf)";
        }
        if (m.contains("aud")) {
            return "it is not meant for this gateway (aud)";
        }
        if (m.contains("iss")) {
            return "it was not issued by the configured issuer (iss)";
        }
        if (m.contains("exp")) {
            return "it has no expiry (exp)";
        }
        return "its claims do not hold";
    }

    private static GatewayException refused(String why) {
        return new GatewayException(new GatewayError(ErrorKind.AUTHENTICATION,
                "The bearer token was refused: " + why + ".", "invalid_token", null, null));
    }

    @Override
    public void close() {
        keys.close();
    }
}
