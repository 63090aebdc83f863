package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.auth.oidc.OidcSettings;
import dev.hearth.catalog.Price;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits, pricing, auth.oidc and state.database sections: what they mean, and the file:line errors for what they refuse. */
class LimitsAndOidcConfigTest {
    @TempDir
    Path dir;

    private HearthConfig load(String yaml) throws IOException {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of("REDIS_PASSWORD", "s3cret"));
    }

    @Test
    void limitsAndPricingLoadIntoTheirRecords() throws IOException {
        HearthConfig config = load("""
                limits:
                  teams:
                    platform: { rpm: 600, tpm: 200000, budget-daily: 50, budget-monthly: 1000 }
                  users:
                    alice@example.com: { budget-daily: 5 }
                  default-max-output-tokens: 2048
                  redis:
                    url: redis://127.0.0.1:6379
                    password: ${REDIS_PASSWORD}
                    on-failure: fail-open
                pricing:
                  gpt-4o: { input: 2.5, output: 10 }
                  ollama/*: { input: 0.05, output: 0.15 }
                """);
        LimitsConfig limits = config.limits();
        assertThat(limits.teams()).containsEntry("platform", new Quota(600, 200_000, 50.0, 1000.0));
        assertThat(limits.users()).containsEntry("alice@example.com", new Quota(null, null, 5.0, null));
        assertThat(limits.defaultMaxOutputTokens()).isEqualTo(2048);
        assertThat(limits.pricing()).containsEntry("gpt-4o", new Price(2.5, 10))
                .containsEntry("ollama/*", new Price(0.05, 0.15));
        assertThat(limits.redis().url()).isEqualTo(URI.create("redis://127.0.0.1:6379"));
        assertThat(limits.redis().password().reveal()).isEqualTo("s3cret");
        assertThat(limits.redis().failClosed()).isFalse();
        assertThat(limits.redis().keyPrefix()).isEqualTo("hearth:");
    }

    @Test
    void withoutTheSectionsCountersStayInThisProcessAndRedisFailsClosedByDefault() throws IOException {
        assertThat(load("server:\n  port: 8080\n").limits()).isEqualTo(LimitsConfig.defaults());
        assertThat(load("limits:\n  redis:\n    url: redis://cache:6379\n").limits().redis().failClosed()).isTrue();
    }

    @Test
    void oidcLoadsWithItsDefaults() throws IOException {
        OidcSettings oidc = load("""
                auth:
                  oidc:
                    issuer: https://idp.example.com/realms/acme
                    audience: hearth
                    jwks-url: https://idp.example.com/realms/acme/certs
                    claims: { team: groups, roles: realm_access.roles }
                    roles: { hearth-admin: admin }
                """).auth().oidc();
        assertThat(oidc).isEqualTo(new OidcSettings("https://idp.example.com/realms/acme", List.of("hearth"),
                URI.create("https://idp.example.com/realms/acme/certs"), List.of("RS256"), Duration.ofSeconds(30),
                Duration.ofMinutes(10), "sub", "groups", "realm_access.roles", Map.of("hearth-admin", Role.ADMIN)));
    }

    @Test
    void aSharedDatabaseLoadsWithItsPasswordFromTheEnvironment() throws IOException {
        StateConfig.DatabaseConfig database = load("""
                state:
                  database:
                    url: jdbc:postgresql://db.internal:5432/hearth
                    user: hearth
                    password: ${REDIS_PASSWORD}
                """).state().database();
        assertThat(database.url()).isEqualTo("jdbc:postgresql://db.internal:5432/hearth");
        assertThat(database.user()).isEqualTo("hearth");
        assertThat(database.password().reveal()).isEqualTo("s3cret");
        assertThat(database.schema()).isEqualTo("hearth");
        assertThat(database.poolSize()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HMAC is refused|auth:\\n  oidc:\\n    issuer: i\\n    audience: a\\n    jwks-url: https://x/certs\\n"
                + "    algorithms: [HS256]|hearth.yaml:6: auth.oidc.algorithms[0]",
        "none is refused|auth:\\n  oidc:\\n    issuer: i\\n    audience: a\\n    jwks-url: https://x/certs\\n"
                + "    algorithms: [none]|HMAC and 'none' are refused",
        "a JWKS URL must be http(s)|auth:\\n  oidc:\\n    issuer: i\\n    audience: a\\n    jwks-url: file:///etc/keys"
                + "|auth.oidc.jwks-url: expected an http(s) URL",
        "an unknown role|auth:\\n  oidc:\\n    issuer: i\\n    audience: a\\n    jwks-url: https://x/c\\n"
                + "    roles: { x: root }|expected admin, auditor or member",
        "a negative budget|limits:\\n  teams:\\n    red: { budget-daily: -1 }|limits.teams.red.budget-daily",
        "an unknown quota key|limits:\\n  teams:\\n    red: { rps: 3 }|did you mean \"rpm\"",
        "a Redis URL with a password in it|limits:\\n  redis:\\n    url: redis://user:pw@cache:6379"
                + "|must not contain credentials",
        "a price without output|pricing:\\n  gpt-4o: { input: 1 }|missing required key \"output\"",
        "a database that is not PostgreSQL|state:\\n  database:\\n    url: jdbc:mysql://x/y|state.database.url",
        "a password in the database URL|state:\\n  database:\\n    url: jdbc:postgresql://x/y?password=p"
                + "|does not belong in the URL",
        "a written password|state:\\n  database:\\n    url: jdbc:postgresql://x/y\\n    password: hunter2"
                + "|${VAR} reference"})
    void badValuesStopStartUpNamingTheFieldPath(String what, String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message).hasMessageNotContaining("pw@");
    }
}
