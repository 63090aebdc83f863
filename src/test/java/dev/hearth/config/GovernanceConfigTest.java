package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.auth.AuthMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state, auth and audit sections: read strictly like the rest, with defaults that depend on the bind address. */
class GovernanceConfigTest {
    @TempDir
    Path dir;

    private HearthConfig load(String yaml) throws IOException {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of("STATE", "/srv/hearth"));
    }

    @Test
    void theSectionsLoadIntoTheirRecords() throws IOException {
        HearthConfig config = load("""
                state:
                  dir: ${STATE}
                auth:
                  mode: required
                  key-refresh: 500ms
                audit:
                  node-id: gw-1
                  checkpoint-every: 50
                  checkpoint-interval: 30s
                """);
        assertThat(config.state().dir()).isEqualTo(Path.of("/srv/hearth"));
        assertThat(config.auth()).isEqualTo(new AuthConfig(AuthMode.REQUIRED, Duration.ofMillis(500)));
        assertThat(config.audit()).isEqualTo(new AuditConfig("gw-1", 50, Duration.ofSeconds(30)));
    }

    @Test
    void auditDurabilityIsFsyncByDefaultAndWalOnRequest() throws IOException {
        assertThat(load("server:\n  port: 8080\n").audit().durability()).isEqualTo(AuditConfig.Durability.FSYNC);
        assertThat(load("audit:\n  durability: wal\n").audit().durability()).isEqualTo(AuditConfig.Durability.WAL);
        assertThatThrownBy(() -> load("audit:\n  durability: none\n"))
                .hasMessageContaining("one of fsync, wal");
    }

    @Test
    void withoutTheSectionsTheDefaultsApplyAndATildeIsTheHomeDirectory() throws IOException {
        HearthConfig config = load("server:\n  port: 8080\n");
        assertThat(config.state().dir()).isNull();
        assertThat(config.auth()).isEqualTo(AuthConfig.defaults());
        assertThat(config.audit()).isEqualTo(AuditConfig.defaults());
        assertThat(load("state:\n  dir: ~/hearth-state\n").state().dir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "hearth-state"));
    }

    @ParameterizedTest(name = "bound to {0}: {1}")
    @CsvSource({"127.0.0.1, OPTIONAL", "localhost, OPTIONAL", "::1, OPTIONAL", "0.0.0.0, REQUIRED",
        "192.168.1.10, REQUIRED", "gateway.example, REQUIRED"})
    void keysAreOptionalOnLoopbackAndRequiredAnywhereElseByDefault(String host, AuthMode expected) {
        assertThat(AuthConfig.defaults().effectiveMode(host)).isEqualTo(expected);
        assertThat(new AuthConfig(AuthMode.OFF, Duration.ofSeconds(2)).effectiveMode(host)).isEqualTo(AuthMode.OFF);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown mode | auth:\\n  mode: strict\\n | 2: auth.mode: expected one of required, optional, off",
        "an upper-case mode | auth:\\n  mode: REQUIRED\\n | 2: auth.mode: expected one of required, optional, off",
        "a typo in a key | auth:\\n  moed: off\\n | 2: auth.moed: unknown key; did you mean \"mode\"?",
        "a too eager refresh | auth:\\n  key-refresh: 10ms\\n | 2: auth.key-refresh: must be at least 100ms",
        "a node id with a space | audit:\\n  node-id: gw 1\\n | 2: audit.node-id: expected 1 to 64 letters",
        "zero records per checkpoint | audit:\\n  checkpoint-every: 0\\n | 2: audit.checkpoint-every: must be between",
        "a state dir that is a list | state:\\n  dir: [a]\\n | 2: state.dir: expected a string"})
    void aBadValueStopsLoadingWithItsLineAndPath(String name, String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
