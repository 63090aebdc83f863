package dev.hearth.auth;

import dev.hearth.auth.oidc.JwtVerifier;
import dev.hearth.error.GatewayException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The authenticate stage: from what a request presented to the {@link Principal} it runs as, or a 401 refusal
 * ({@link GatewayException} carrying an {@link AuthErrors} value). Policy by {@link AuthMode}: a missing key is
 * refused only when keys are required; a presented Hearth key ({@code hrth_...}) is always checked (except in
 * {@code off} mode), so a revoked or mistyped key never quietly becomes anonymous. In {@code optional} mode a token
 * that is not a Hearth key at all counts as no key: SDKs insist on sending one, and local tools send placeholders
 * such as {@code sk-no-key-required} or {@code ollama}.
 *
 * <p>Cost and threading: a map look-up in the {@link KeyRing} snapshot and one HMAC; no I/O, no locks, safe on event
 * loops and from any thread. An unknown prefix costs the same HMAC as a known one, so timing does not tell which
 * prefixes exist.
 */
public final class Authenticator {
    private static final String NO_SUCH_HASH = "0".repeat(64);

    private final AuthMode mode;
    private final KeyRing ring;
    private final KeyHasher hasher;
    private final Clock clock;
    private final JwtVerifier tokens;

    public Authenticator(AuthMode mode, KeyRing ring, KeyHasher hasher, Clock clock) {
        this(mode, ring, hasher, clock, null);
    }

    /** @param tokens checks identity-provider JWTs, or null when OIDC is not configured */
    public Authenticator(AuthMode mode, KeyRing ring, KeyHasher hasher, Clock clock, JwtVerifier tokens) {
        this.mode = mode;
        this.ring = ring;
        this.hasher = hasher;
        this.clock = clock;
        this.tokens = tokens;
    }

    public AuthMode mode() {
        return mode;
    }

    /** For model requests: follows the auth mode. */
    public Principal authenticate(PresentedKey presented) {
        if (mode == AuthMode.OFF) {
            return Principal.anonymous();
        }
        if (mode == AuthMode.OPTIONAL && (presented instanceof PresentedKey.Absent
                || presented instanceof PresentedKey.Key key && !isCredential(key.secret().reveal()))) {
            return Principal.anonymous();
        }
        return requireKey(presented);
    }

    /** A Hearth key, or (with OIDC configured) a JWT: presented, it must be valid, never quietly anonymous. */
    private boolean isCredential(String presented) {
        return presented.startsWith(KeyFormat.SCHEME) || tokens != null && JwtVerifier.looksLikeJwt(presented);
    }

    /** For the admin API: a valid key (or identity-provider token), whatever the mode. */
    public Principal requireKey(PresentedKey presented) {
        return switch (presented) {
            case PresentedKey.Absent absent -> throw new GatewayException(AuthErrors.missing());
            case PresentedKey.Malformed malformed ->
                    throw new GatewayException(AuthErrors.malformed(malformed.reason()));
            case PresentedKey.Key key -> tokens != null && JwtVerifier.looksLikeJwt(key.secret().reveal())
                    ? tokens.verify(key.secret().reveal()) : check(key.secret().reveal());
        };
    }

    private Principal check(String presented) {
        Optional<KeyRing.Entry> entry = KeyFormat.prefixOf(presented).flatMap(ring::find);
        boolean matches = hasher.matches(presented, entry.map(e -> e.key().hash()).orElse(NO_SUCH_HASH));
        if (entry.isEmpty() || !matches) {
            throw new GatewayException(AuthErrors.invalid());
        }
        ApiKey key = entry.get().key();
        Instant now = clock.instant();
        if (key.revoked() != null) {
            throw new GatewayException(AuthErrors.revoked());
        }
        if (!key.activeAt(now)) {
            throw new GatewayException(AuthErrors.expired());
        }
        return entry.get().principal();
    }
}
