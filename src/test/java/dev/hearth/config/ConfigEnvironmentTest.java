package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hearth.backend.Locality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ${VAR}} substitution, and secrets that never show up in a message or a {@code toString()}. */
class ConfigEnvironmentTest {

    private static final String SECRET = "sk-live-DO-NOT-PRINT-4f2a";

    @TempDir
    Path dir;

    @Test
    void aVariableIsSubstitutedAndThenReadAsTheFieldsType() throws IOException {
        HearthConfig config = ConfigLoader.load(write("server:\n  port: ${HEARTH_PORT}\n"), Map.of("HEARTH_PORT", "9090"));

        assertThat(config.server().port()).isEqualTo(9090);
    }

    @Test
    void aDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws IOException {
        Path file = write("server:\n  host: ${HEARTH_HOST:-0.0.0.0}\n");

        assertThat(ConfigLoader.load(file, Map.of()).server().host()).isEqualTo("0.0.0.0");
        assertThat(ConfigLoader.load(file, Map.of("HEARTH_HOST", "")).server().host()).isEqualTo("0.0.0.0");
        assertThat(ConfigLoader.load(file, Map.of("HEARTH_HOST", "::1")).server().host()).isEqualTo("::1");
    }

    @Test
    void referencesInsideATextAreAllReplaced() throws IOException {
        HearthConfig config = ConfigLoader.load(write("""
                backends:
                  - name: ollama
                    protocol: ollama
                    base-url: http://${OLLAMA_HOST:-127.0.0.1}:${OLLAMA_PORT}
                """), Map.of("OLLAMA_PORT", "11434"));

        assertThat(config.backends().getFirst().baseUrl()).hasToString("http://127.0.0.1:11434");
        assertThat(config.backends().getFirst().location()).isEqualTo(Locality.LOCAL);
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesTheVariableFileLineAndPath() throws IOException {
        Path file = write("server:\n  port: 8080\n  host: ${HEARTH_HOST}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: server.host: environment variable HEARTH_HOST is not set"
                        + " (write ${HEARTH_HOST:-default} to give it a default)");
    }

    @Test
    void anUnterminatedReferenceIsRefused() throws IOException {
        Path file = write("server:\n  host: ${HEARTH_HOST\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + ":2: server.host: unterminated \"${\"");
    }

    @Test
    void anApiKeyIsReadFromTheEnvironmentIntoASecret() throws IOException {
        BackendConfig backend = ConfigLoader.load(write(backendWithKey("${OPENAI_API_KEY}")),
                Map.of("OPENAI_API_KEY", SECRET)).backends().getFirst();

        assertThat(backend.apiKey().reveal()).isEqualTo(SECRET);
        assertThat(backend.toString()).doesNotContain(SECRET).contains("Secret[****]");
    }

    @ParameterizedTest(name = "OPENAI_API_KEY={0}")
    @ValueSource(strings = {"", "  "})
    void anApiKeyWhoseVariableIsEmptyIsAnErrorToo(String value) throws IOException {
        Path file = write(backendWithKey("${OPENAI_API_KEY}"));

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("OPENAI_API_KEY", value)))
                .hasMessageStartingWith(file + ":5: backends[0].api-key: environment variable OPENAI_API_KEY is empty");
    }

    @Test
    void anApiKeyWhoseVariableIsUnsetStopsStartStrictlyAndSaysHowToMakeItOptional() throws IOException {
        Path file = write(backendWithKey("${OPENAI_API_KEY}"));

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + ":5: backends[0].api-key: environment variable OPENAI_API_KEY is not set")
                .hasMessageContaining("strict")
                .hasMessageContaining("${OPENAI_API_KEY:-}");
    }

    @Test
    void anOptionalApiKeyMayBeAbsent() throws IOException {
        Path file = write(backendWithKey("${OPENAI_API_KEY:-}"));

        assertThat(ConfigLoader.load(file, Map.of()).backends().getFirst().apiKey()).isNull();
        assertThat(ConfigLoader.load(file, Map.of("OPENAI_API_KEY", " ")).backends().getFirst().apiKey()).isNull();
        assertThat(ConfigLoader.load(file, Map.of("OPENAI_API_KEY", "k")).backends().getFirst().apiKey().reveal())
                .isEqualTo("k");
    }

    @ParameterizedTest(name = "api-key: {0}")
    @ValueSource(strings = {SECRET, "\"Bearer ${OPENAI_API_KEY}\"", "${OPENAI_API_KEY:-" + SECRET + "}", "${" + SECRET + "}"})
    void anApiKeyWrittenInTheFileIsRefusedWithoutBeingEchoed(String written) throws IOException {
        Path file = write(backendWithKey(written));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of("OPENAI_API_KEY", "x")));

        assertThat(e).hasMessageStartingWith(file + ":5: backends[0].api-key: ");
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "server:\n  port: ${OPENAI_API_KEY}\n",
            "server:\n  max-body-size: ${OPENAI_API_KEY}\n",
            "failover:\n  timeout: ${OPENAI_API_KEY}\n",
            "discovery:\n  embedded: ${OPENAI_API_KEY}\n",
            "backends:\n  - name: x/${OPENAI_API_KEY}\n    protocol: openai\n    base-url: http://h\n",
            "backends:\n  - name: a\n    protocol: ${OPENAI_API_KEY}\n    base-url: http://h\n",
            "backends:\n  - name: a\n    protocol: openai\n    base-url: ${OPENAI_API_KEY}\n",
            "backends:\n  - name: a\n    protocol: openai\n    base-url: http://h/?k=${OPENAI_API_KEY}\n",
    })
    void aValueFromTheEnvironmentIsNeverShownInAnError(String yaml) throws IOException {
        Path file = write(yaml);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of("OPENAI_API_KEY", SECRET)));

        assertThat(e.getMessage()).doesNotContain(SECRET).contains("${OPENAI_API_KEY}");
    }

    @ParameterizedTest(name = "base-url: {0}")
    @ValueSource(strings = {"http://me:" + SECRET + "@127.0.0.1:8000", "ftp://me:" + SECRET + "@host", "http://" + SECRET + "@h h"})
    void credentialsInABaseUrlAreRefusedWithoutBeingEchoed(String url) throws IOException {
        Path file = write("backends:\n  - name: a\n    protocol: openai\n    base-url: " + url + "\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage(file + ":4: backends[0].base-url: must not contain credentials (user:password@);"
                        + " give the key with api-key");
    }

    @Test
    void aLoadedConfigurationNeverPrintsItsSecrets() throws IOException {
        HearthConfig config = ConfigLoader.load(write(ConfigLoaderTest.FULL_EXAMPLE), Map.of("OPENAI_API_KEY", SECRET));

        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(CloudProviders.fromEnvironment(Map.of("OPENAI_API_KEY", SECRET)).toString()).doesNotContain(SECRET);
    }

    private static String backendWithKey(String apiKey) {
        return """
                backends:
                  - name: openai
                    protocol: openai
                    base-url: https://api.openai.com/v1
                    api-key: %s
                """.formatted(apiKey);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("hearth.yaml"), yaml);
    }
}
