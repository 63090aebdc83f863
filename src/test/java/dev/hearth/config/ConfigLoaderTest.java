package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.hearth.routing.Strategy;
import java.util.List;
import java.util.Map;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.custom.CustomRules;
import dev.hearth.privacy.guard.PrivacyAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    static final String FULL_EXAMPLE = """
            server:
              host: 127.0.0.1
              port: 8080
              max-body-size: 32MB        # optional; bytes or KB/MB/GB
            backends:
              - name: ollama
                protocol: ollama            # openai | ollama | anthropic | embedded
                base-url: http://127.0.0.1:11434
                location: local             # local | cloud
                models: [qwen2.5-coder:32b] # optional
                max-concurrency: 4          # optional, 0 = unlimited
              - name: openai
                protocol: openai
                base-url: https://api.openai.com/v1
                api-key: ${OPENAI_API_KEY}
                location: cloud
                models: [gpt-4o, gpt-4o-mini]
            aliases:
              coder: [ollama/qwen2.5-coder:32b, openai/gpt-4o]
            failover:
              max-retries: 2
              timeout: 30s
              connect-timeout: 2s
              first-token-timeout: 10s
              idle-timeout: 15s
              backoff-base: 100ms
              backoff-max: 5s
              breaker-failure-threshold: 50
              breaker-window: 10
              breaker-open-for: 30s
            discovery:
              local-servers: false
              cloud-keys: false
              embedded: true
            """;

    @TempDir
    Path dir;

    @Test
    void theFullExampleLoadsIntoTheExpectedRecords() throws IOException {
        HearthConfig config = ConfigLoader.load(write(FULL_EXAMPLE), Map.of("OPENAI_API_KEY", "sk-example"));

        HearthConfig expected = new HearthConfig(
                new ServerConfig("127.0.0.1", 8080, 32L * 1024 * 1024),
                List.of(
                        new BackendConfig("ollama", Protocol.OLLAMA, URI.create("http://127.0.0.1:11434"), null,
                                Locality.LOCAL, List.of("qwen2.5-coder:32b"), 4),
                        new BackendConfig("openai", Protocol.OPENAI, URI.create("https://api.openai.com/v1"),
                                Secret.of("sk-example"), Locality.CLOUD, List.of("gpt-4o", "gpt-4o-mini"), 0)),
                Map.of("coder", AliasConfig.ordered(List.of("ollama/qwen2.5-coder:32b", "openai/gpt-4o"))),
                new FailoverConfig(2, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10),
                        Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofSeconds(5), 50, 10,
                        Duration.ofSeconds(30)),
                new DiscoveryConfig(false, false, true));
        assertThat(config).usingRecursiveComparison().isEqualTo(expected);
        assertThat(config.backends().get(1).apiKey().reveal()).isEqualTo("sk-example");
    }

    @Test
    void absentSectionsAndKeysTakeTheRecordDefaults() throws IOException {
        HearthConfig config = ConfigLoader.load(write("""
                backends:
                  - name: ollama
                    protocol: ollama
                    base-url: http://127.0.0.1:11434
                """), Map.of());

        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
        assertThat(config.failover()).isEqualTo(FailoverConfig.defaults());
        assertThat(config.aliases()).isEmpty();
        assertThat(config.backends()).singleElement().satisfies(backend -> {
            assertThat(backend.apiKey()).isNull();
            assertThat(backend.models()).isEmpty();
            assertThat(backend.maxConcurrency()).isZero();
        });
    }

    @Test
    void anExplicitConfigFileTurnsLocalAndCloudDiscoveryOffButKeepsEmbeddedModels() throws IOException {
        HearthConfig config = ConfigLoader.load(write("server:\n  port: 4242\n"), Map.of());

        assertThat(config.discovery()).isEqualTo(new DiscoveryConfig(false, false, true));
    }

    @Test
    void discoveryCanStillBeTurnedOnExplicitly() throws IOException {
        HearthConfig config = ConfigLoader.load(write("discovery:\n  local-servers: true\n  cloud-keys: true\n"), Map.of());

        assertThat(config.discovery()).isEqualTo(new DiscoveryConfig(true, true, true));
    }

    @Test
    void anEmptyFileOrAnEmptySectionMeansDefaults() throws IOException {
        HearthConfig empty = ConfigLoader.load(write("# nothing yet\n"), Map.of());
        HearthConfig emptySections = ConfigLoader.load(write("server:\nbackends:\nfailover:\n"), Map.of());

        for (HearthConfig config : List.of(empty, emptySections)) {
            assertThat(config.server()).isEqualTo(ServerConfig.defaults());
            assertThat(config.backends()).isEmpty();
            assertThat(config.failover()).isEqualTo(FailoverConfig.defaults());
            assertThat(config.discovery()).isEqualTo(new DiscoveryConfig(false, false, true));
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "http://127.0.0.1:11434, LOCAL",
            "http://127.8.9.10:8000/v1, LOCAL",
            "http://localhost:1234/v1, LOCAL",
            "http://[::1]:8080/v1, LOCAL",
            "http://192.168.1.20:11434, CLOUD",
            "http://10.0.0.5:8000/v1, CLOUD",
            "http://128.0.0.1:8000, CLOUD",
            "http://localhost.example.com, CLOUD",
            "https://api.openai.com/v1, CLOUD",
            "http://[::2]:8080, CLOUD",
    })
    void withoutLocationABackendIsLocalOnlyWhenItsHostIsLoopback(String baseUrl, Locality expected) throws IOException {
        HearthConfig config = ConfigLoader.load(write("""
                backends:
                  - name: b
                    protocol: openai
                    base-url: %s
                """.formatted(baseUrl)), Map.of());

        assertThat(config.backends().getFirst().location()).isEqualTo(expected);
    }

    @Test
    void anExplicitLocationIsKeptWhateverTheHost() throws IOException {
        HearthConfig config = ConfigLoader.load(write("""
                backends:
                  - name: lan
                    protocol: ollama
                    base-url: http://192.168.1.20:11434
                    location: local
                """), Map.of());

        assertThat(config.backends().getFirst().location()).isEqualTo(Locality.LOCAL);
    }

    @Test
    void anAliasMayNameADiscoverableBackendOnlyWhenThatDiscoveryIsOn() throws IOException {
        Path on = write("discovery:\n  cloud-keys: true\naliases:\n  fast: [groq/llama-3.3-70b-versatile]\n");
        assertThat(ConfigLoader.load(on, Map.of()).aliases())
                .containsEntry("fast", AliasConfig.ordered(List.of("groq/llama-3.3-70b-versatile")));

        Path off = write("aliases:\n  fast: [groq/llama-3.3-70b-versatile]\n");
        assertThatThrownBy(() -> ConfigLoader.load(off, Map.of()))
                .hasMessageStartingWith(off + ":2: aliases.fast[0]: \"groq/llama-3.3-70b-versatile\" names an unknown backend");
    }

    @Test
    void aBareModelNameIsAValidAliasCandidate() throws IOException {
        HearthConfig config = ConfigLoader.load(write("aliases:\n  smart: [gpt-4o, claude-sonnet-4]\n"), Map.of());

        assertThat(config.aliases()).containsEntry("smart", AliasConfig.ordered(List.of("gpt-4o", "claude-sonnet-4")));
    }

    @Test
    void anAliasMayNameAStrategyAndAQualityKnob() throws IOException {
        HearthConfig config = ConfigLoader.load(write("""
                aliases:
                  auto:
                    candidates: [local-model, gpt-4o]
                    strategy: local-first
                    quality: 0.7
                  cheap:
                    candidates: [gpt-4o-mini, gpt-4o]
                    strategy: cost
                """), Map.of());

        assertThat(config.aliases().get("auto"))
                .isEqualTo(new AliasConfig(List.of("local-model", "gpt-4o"), Strategy.LOCAL_FIRST, 0.7));
        assertThat(config.aliases().get("cheap").strategy()).isEqualTo(Strategy.COST);
        assertThat(config.aliases().get("cheap").quality()).isEqualTo(0.5);
    }

    @Test
    void thePrivacySectionSetsThePolicyCustomRulesAndPerAliasOverrides() throws IOException {
        HearthConfig config = ConfigLoader.load(write("""
                privacy:
                  policy:
                    pii: local-only
                    secret: block
                  custom-rules:
                    project:
                      keywords: [Project Bluebird]
                      patterns: ["PRJ-[0-9]{4}"]
                aliases:
                  scratch:
                    candidates: [gpt-4o]
                    privacy: {pii: allow, phi: mask}
                """), Map.of());

        PrivacyConfig privacy = config.privacy();
        assertThat(privacy.enabled()).isTrue();
        assertThat(privacy.policy().action(DataClass.PII)).isEqualTo(PrivacyAction.LOCAL_ONLY);
        assertThat(privacy.policy().action(DataClass.SECRET)).isEqualTo(PrivacyAction.BLOCK);
        assertThat(privacy.policy().action(DataClass.PHI)).isEqualTo(PrivacyAction.LOCAL_ONLY);
        assertThat(privacy.policy().action(DataClass.FINANCIAL)).isEqualTo(PrivacyAction.MASK);
        assertThat(privacy.customRules()).containsExactly(new CustomRules("project", List.of("Project Bluebird"),
                List.of("PRJ-[0-9]{4}")));
        assertThat(config.aliases().get("scratch").privacy())
                .isEqualTo(Map.of(DataClass.PII, PrivacyAction.ALLOW, DataClass.PHI, PrivacyAction.MASK));
    }

    @Test
    void withoutAPrivacySectionTheGuardRunsWithTheDefaultPolicy() throws IOException {
        HearthConfig config = ConfigLoader.load(write("server:\n  port: 8080\n"), Map.of());

        assertThat(config.privacy()).isEqualTo(PrivacyConfig.defaults());
        assertThat(ConfigLoader.load(write("privacy:\n  enabled: false\n"), Map.of()).privacy().enabled()).isFalse();
    }

    @Test
    void theRouterSectionNamesARetrainedModelCheckedAtLoad() throws IOException {
        Path model = dir.resolve("model.txt");
        try (var in = getClass().getResourceAsStream("/dev/hearth/routing/quality/model.txt")) {
            Files.write(model, in.readAllBytes());
        }
        assertThat(ConfigLoader.load(write("router:\n  model: " + model + "\n"), Map.of()).router().model())
                .isEqualTo(model);
        assertThat(ConfigLoader.load(write("server:\n  port: 8080\n"), Map.of()).router().model()).isNull();

        Path file = write("router:\n  model: " + dir.resolve("gone.txt") + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: router.model")
                .hasMessageContaining("no such file");
        Files.writeString(model, "format something-else/9\n");
        Path garbage = write("router:\n  model: " + model + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(garbage, Map.of()))
                .hasMessageStartingWith(garbage + ":2: router.model")
                .hasMessageContaining("is not a model written by `hearth router train`");
        assertThatThrownBy(() -> ConfigLoader.load(write("router:\n  weights: x\n"), Map.of()))
                .hasMessageContaining("weights");
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": configuration file not found");
    }

    @Test
    void malformedYamlIsReportedWithFileAndLine() throws IOException {
        Path file = write("server:\n  port: 8080\n  host: [127.0.0.1\nfailover: {}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: malformed YAML: ")
                .hasMessageContaining("(while parsing a flow sequence at line 3)");
    }

    @Test
    void aBadIndentationIsReportedAtItsLine() throws IOException {
        Path file = write("server:\n  port: 8080\n    host: x\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + ":3: malformed YAML: mapping values are not allowed here");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("hearth.yaml"), yaml);
    }
}
