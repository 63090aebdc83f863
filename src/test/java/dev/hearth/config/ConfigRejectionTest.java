package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad value stops loading with {@code file:line: path: detail}; nothing is corrected silently. */
class ConfigRejectionTest {

    /** One bad file: {@code where} is the expected {@code line: path} part, {@code detail} what follows. */
    record Case(String name, String yaml, String where, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String BACKEND = """
            backends:
              - name: local
                protocol: ollama
                base-url: http://127.0.0.1:11434
            """;

    static Stream<Case> badFiles() {
        return Stream.of(
                new Case("an unknown top-level key suggests the near one", "backend:\n  - name: x\n",
                        "1: backend", "unknown key; did you mean \"backends\"?"),
                new Case("an unknown key suggests the near one", "server:\n  prot: 8080\n",
                        "2: server.prot", "unknown key; did you mean \"port\"?"),
                new Case("a camelCase key suggests its kebab-case form", "failover:\n  maxRetries: 2\n",
                        "2: failover.maxRetries", "unknown key; did you mean \"max-retries\"?"),
                new Case("an unknown key far from any lists the valid keys", "server:\n  colour: blue\n",
                        "2: server.colour", "unknown key; valid keys: host, port, max-body-size"),
                new Case("an unknown backend key is refused", BACKEND + "    timeout: 30s\n",
                        "5: backends[0].timeout", "unknown key; valid keys: name, protocol, base-url"),
                new Case("a quoted number is a string, not a port", "server:\n  port: \"8080\"\n",
                        "2: server.port", "expected an integer, got \"8080\""),
                new Case("a port above 65535 is refused", "server:\n  port: 70000\n",
                        "2: server.port", "must be between 0 and 65535, got 70000"),
                new Case("a fractional port is refused", "server:\n  port: 80.5\n",
                        "2: server.port", "expected an integer, got 80.5"),
                new Case("a missing value is not a default", "server:\n  port:\n",
                        "2: server.port", "expected an integer, got nothing"),
                new Case("a boolean is not a host name", "server:\n  host: true\n",
                        "2: server.host", "expected a string (quote it if you mean the text), got true"),
                new Case("a size with a lower-case unit is refused", "server:\n  max-body-size: 32mb\n",
                        "2: server.max-body-size", "expected a size like \"32MB\" (bytes, or KB, MB, GB), got \"32mb\""),
                new Case("a zero size is refused", "server:\n  max-body-size: 0\n",
                        "2: server.max-body-size", "must be more than 0 bytes, got 0"),
                new Case("negative retries are refused", "failover:\n  max-retries: -1\n",
                        "2: failover.max-retries", "must be 0 or more, got -1"),
                new Case("an unparseable duration is refused", "failover:\n  max-retries: 2\n  timeout: soon\n",
                        "3: failover.timeout", "expected a duration like \"30s\", got \"soon\""),
                new Case("a duration without a unit is refused", "failover:\n  idle-timeout: 30\n",
                        "2: failover.idle-timeout", "expected a duration like \"30s\", got 30"),
                new Case("a zero timeout is refused", "failover:\n  timeout: 0s\n",
                        "2: failover.timeout", "must be at least 1ms, got \"0s\""),
                new Case("a backoff ceiling below its base is refused", "failover:\n  backoff-base: 2s\n  backoff-max: 1s\n",
                        "3: failover.backoff-max", "backoff-max (1s) must not be less than backoff-base (2s)"),
                new Case("a breaker threshold is a percentage", "failover:\n  breaker-failure-threshold: 101\n",
                        "2: failover.breaker-failure-threshold", "must be between 1 and 100, got 101"),
                new Case("yes is not a boolean", "discovery:\n  embedded: yes\n",
                        "2: discovery.embedded", "expected true or false, got \"yes\""),
                new Case("a mapping where a list belongs is refused", "backends:\n  name: x\n",
                        "2: backends", "expected a list, got a mapping"),
                new Case("a list where a mapping belongs is refused", "server: [a]\n",
                        "1: server", "expected a mapping of keys to values, got a list"),
                new Case("a backend needs a name", "backends:\n  - protocol: openai\n    base-url: http://h\n",
                        "2: backends[0]", "missing required key \"name\""),
                new Case("a backend needs a base URL", "backends:\n  - name: a\n    protocol: openai\n",
                        "2: backends[0]", "missing required key \"base-url\""),
                new Case("an unknown data class is refused with a suggestion", "privacy:\n  policy:\n    secrets: mask\n",
                        "3: privacy.policy.secrets", "unknown key; did you mean \"secret\"?"),
                new Case("an unknown privacy action is refused with the valid ones", "privacy:\n  policy:\n    phi: hide\n",
                        "3: privacy.policy.phi", "expected one of allow, mask, local-only, block, got \"hide\""),
                new Case("an unknown privacy key is refused", "privacy:\n  enable: false\n",
                        "2: privacy.enable", "unknown key; did you mean \"enabled\"?"),
                new Case("a custom rule with a broken pattern is refused at its line",
                        "privacy:\n  custom-rules:\n    project:\n      patterns: [\"PRJ-[0-9\"]\n",
                        "4: privacy.custom-rules.project", "custom rule project pattern 0 does not compile"),
                new Case("a custom rule needs keywords or patterns", "privacy:\n  custom-rules:\n    project: {}\n",
                        "3: privacy.custom-rules.project", "custom rule project has neither keywords nor patterns"),
                new Case("an alias privacy override names known classes", BACKEND
                        + "aliases:\n  coder:\n    candidates: [local/qwen]\n    privacy: {phi: allow, health: allow}\n",
                        "8: aliases.coder.privacy.health", "unknown key; valid keys: secret, phi, pii, financial,"),
                new Case("an unknown protocol is refused", BACKEND.replace("ollama", "grpc"),
                        "3: backends[0].protocol", "expected one of openai, ollama, anthropic, embedded, got \"grpc\""),
                new Case("protocols are not case-folded", BACKEND.replace("ollama", "Ollama"),
                        "3: backends[0].protocol", "expected one of openai, ollama, anthropic, embedded, got \"Ollama\""),
                new Case("an unknown location is refused", BACKEND + "    location: moon\n",
                        "5: backends[0].location", "expected one of local, cloud, got \"moon\""),
                new Case("a base URL must be absolute", BACKEND.replace("http://127.0.0.1:11434", "127.0.0.1:11434/v1"),
                        "4: backends[0].base-url", "expected an absolute http or https URL"),
                new Case("a base URL must be http or https", BACKEND.replace("http://", "ftp://"),
                        "4: backends[0].base-url", "expected an absolute http or https URL"),
                new Case("a base URL must not carry credentials", BACKEND.replace("http://", "http://me:pw@"),
                        "4: backends[0].base-url", "must not contain credentials (user:password@); give the key with api-key"),
                new Case("backend names are unique", BACKEND + BACKEND.replace("backends:\n", ""),
                        "5: backends[1].name", "duplicate backend name \"local\" (first declared at line 2)"),
                new Case("a backend name cannot contain a slash", BACKEND.replace("name: local", "name: my/local"),
                        "2: backends[0].name", "expected a name of letters, digits, '.', '_' and '-'"),
                new Case("negative concurrency is refused", BACKEND + "    max-concurrency: -4\n",
                        "5: backends[0].max-concurrency", "must be 0 or more, got -4"),
                new Case("models are a list", BACKEND + "    models: gpt-4o\n",
                        "5: backends[0].models", "expected a list, got \"gpt-4o\""),
                new Case("an alias naming an unknown backend is refused", BACKEND + "aliases:\n  coder: [locl/qwen]\n",
                        "6: aliases.coder[0]", "\"locl/qwen\" names an unknown backend; did you mean \"local\"?"),
                new Case("an empty alias is refused", BACKEND + "aliases:\n  coder: []\n",
                        "6: aliases.coder", "an alias needs at least one candidate"),
                new Case("an alias is a list, not a single name", BACKEND + "aliases:\n  coder: local/qwen\n",
                        "6: aliases.coder", "expected a list of candidates, or a mapping with candidates and strategy,"
                                + " got \"local/qwen\""),
                new Case("an alias strategy must be known", BACKEND
                        + "aliases:\n  coder:\n    candidates: [local/qwen]\n    strategy: fastest\n",
                        "8: aliases.coder.strategy", "expected one of"),
                new Case("the quality knob is between 0 and 1", BACKEND
                        + "aliases:\n  coder:\n    candidates: [local/qwen]\n    quality: 2\n",
                        "8: aliases.coder.quality", "must be between 0.0 and 1.0"),
                new Case("an alias mapping needs candidates", BACKEND + "aliases:\n  coder:\n    strategy: cost\n",
                        "7: aliases.coder", "missing required key \"candidates\""),
                new Case("a repeated key is refused", "server:\n  port: 1\n  port: 2\n",
                        "3: server.port", "duplicate key (first written at line 2)"),
                new Case("YAML aliases are refused", "server:\n  host: &h 127.0.0.1\nfailover:\n  timeout: *h\n",
                        "4: failover.timeout", "YAML aliases (*h) are not supported"),
                new Case("the root must be a mapping", "- server\n",
                        "1", "expected a mapping of keys to values, got a list"),
                new Case("a second YAML document is refused", "server: {}\n---\nfailover: {}\n",
                        "3", "only one YAML document is allowed"));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithFileLineAndPath(Case bad) throws IOException {
        Path file = Files.writeString(dir.resolve("hearth.yaml"), bad.yaml());

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + bad.where() + ": " + bad.detail());
    }
}
