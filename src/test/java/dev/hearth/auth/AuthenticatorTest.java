package dev.hearth.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.config.Secret;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests get which principal, per auth mode and presented credential. */
class AuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final MemoryKeyStore store = new MemoryKeyStore();
    private final KeyHasher hasher = new KeyHasher(new byte[32]);
    private final ApiKeys keys = new ApiKeys(store, hasher, new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC),
            () -> { });
    private final KeyRing ring = new KeyRing(store);
    private String valid;
    private String revoked;
    private String expired;

    @BeforeEach
    void issueKeys() {
        Principal admin = Principal.operator("test");
        valid = keys.create(new KeySpec("valid", "ann", "red", Role.MEMBER, List.of("gpt-4o"), null), admin, null)
                .secret().reveal();
        revoked = keys.create(KeySpec.of("revoked", Role.MEMBER), admin, null).secret().reveal();
        keys.revoke(KeyFormat.prefixOf(revoked).orElseThrow(), admin, null);
        expired = keys.create(new KeySpec("expired", null, null, Role.MEMBER, List.of(), NOW.plusSeconds(60)), admin,
                null).secret().reveal();
        ring.refresh();
    }

    private Authenticator authenticator(AuthMode mode, Instant now) {
        return new Authenticator(mode, ring, hasher, Clock.fixed(now, ZoneOffset.UTC));
    }

    private PresentedKey presented(String which) {
        return switch (which) {
            case "none" -> PresentedKey.ABSENT;
            case "malformed" -> new PresentedKey.Malformed("the Authorization header is not a Bearer token");
            case "valid" -> key(valid);
            case "revoked" -> key(revoked);
            case "expired" -> key(expired);
            case "unknown" -> key(KeyFormat.generate(new SecureRandom()));
            case "same-prefix" -> key(valid.substring(0, 20) + "0".repeat(valid.length() - 20));
            case "not-a-key" -> key("sk-proj-1234");
            default -> throw new IllegalArgumentException(which);
        };
    }

    private static PresentedKey key(String text) {
        return new PresentedKey.Key(Secret.of(text));
    }

    @ParameterizedTest(name = "{0} mode, {1} key -> {2}")
    @CsvSource({
        "REQUIRED, none, missing_api_key",
        "REQUIRED, malformed, invalid_api_key",
        "REQUIRED, valid, valid",
        "REQUIRED, unknown, invalid_api_key",
        "REQUIRED, same-prefix, invalid_api_key",
        "REQUIRED, not-a-key, invalid_api_key",
        "REQUIRED, revoked, api_key_revoked",
        "REQUIRED, expired, api_key_expired",
        "OPTIONAL, none, anonymous",
        "OPTIONAL, malformed, invalid_api_key",
        "OPTIONAL, valid, valid",
        "OPTIONAL, unknown, invalid_api_key",
        "OPTIONAL, not-a-key, anonymous",
        "OPTIONAL, same-prefix, invalid_api_key",
        "OPTIONAL, revoked, api_key_revoked",
        "OFF, none, anonymous",
        "OFF, unknown, anonymous",
        "OFF, malformed, anonymous"})
    void eachModeAdmitsOrRefusesAsDocumented(AuthMode mode, String presented, String expected) {
        Authenticator authenticator = authenticator(mode, NOW.plusSeconds(120));
        if (expected.equals("anonymous") || expected.equals("valid")) {
            Principal principal = authenticator.authenticate(presented(presented));
            assertThat(principal.name()).isEqualTo(expected);
            return;
        }
        assertThatThrownBy(() -> authenticator.authenticate(presented(presented)))
                .isInstanceOfSatisfying(GatewayException.class, refused -> {
                    assertThat(refused.error().kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(refused.error().code()).isEqualTo(expected);
                });
    }

    @Test
    void aValidKeyGivesItsPrincipalWithTeamRoleAndModels() {
        Principal principal = authenticator(AuthMode.REQUIRED, NOW).authenticate(presented("valid"));
        assertThat(principal.kind()).isEqualTo(Principal.Kind.KEY);
        assertThat(principal.prefix()).isEqualTo(valid.substring(5, 13));
        assertThat(principal.team()).isEqualTo("red");
        assertThat(principal.role()).isEqualTo(Role.MEMBER);
        assertThat(principal.models()).containsExactly("gpt-4o");
    }

    @Test
    void aKeyWorksUntilItsExpiryAndNotAfter() {
        assertThat(authenticator(AuthMode.REQUIRED, NOW.plusSeconds(59)).authenticate(presented("expired")).name())
                .isEqualTo("expired");
        assertThatThrownBy(() -> authenticator(AuthMode.REQUIRED, NOW.plusSeconds(60))
                .authenticate(presented("expired"))).hasMessageContaining("expired");
    }

    @Test
    void theAdminPathRequiresAKeyEvenWhereModelRequestsMayGoWithout() {
        for (AuthMode mode : AuthMode.values()) {
            assertThatThrownBy(() -> authenticator(mode, NOW).requireKey(PresentedKey.ABSENT))
                    .hasMessageContaining("needs an API key");
        }
    }

    @Test
    void aKeyRevokedInTheStoreIsRefusedAfterTheNextRefreshOnly() {
        Authenticator authenticator = authenticator(AuthMode.REQUIRED, NOW);
        keys.revoke(valid.substring(5, 13), Principal.operator("test"), null);
        assertThat(authenticator.authenticate(presented("valid")).name()).as("before the refresh").isEqualTo("valid");
        assertThat(ring.refresh()).isTrue();
        assertThatThrownBy(() -> authenticator.authenticate(presented("valid"))).hasMessageContaining("revoked");
        assertThat(ring.refresh()).as("nothing changed since").isFalse();
    }

    @Test
    void refusalsNeverQuoteThePresentedKey() {
        for (String which : List.of("unknown", "same-prefix", "revoked", "expired")) {
            PresentedKey key = presented(which);
            String secret = ((PresentedKey.Key) key).secret().reveal();
            assertThatThrownBy(() -> authenticator(AuthMode.REQUIRED, NOW.plusSeconds(120)).authenticate(key))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret)
                            .doesNotContain(secret.substring(5, 13)));
        }
        assertThat(key(valid).toString()).doesNotContain(valid);
    }
}
