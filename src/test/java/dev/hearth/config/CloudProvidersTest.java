package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudProvidersTest {

    @Test
    void onlyProvidersWhoseKeyIsSetAndNotBlankAreEnabled() {
        var backends = CloudProviders.fromEnvironment(Map.of(
                "GROQ_API_KEY", "gsk-1",
                "OPENAI_API_KEY", "sk-2",
                "MISTRAL_API_KEY", "  ",
                "ANTHROPIC_API_KEY", "",
                "UNRELATED", "x"));

        assertThat(backends).extracting(BackendConfig::name).containsExactly("openai", "groq");
        assertThat(backends).extracting(backend -> backend.apiKey().reveal()).containsExactly("sk-2", "gsk-1");
        assertThat(backends).allSatisfy(backend -> {
            assertThat(backend.location()).isEqualTo(Locality.CLOUD);
            assertThat(backend.models()).isEmpty();
            assertThat(backend.maxConcurrency()).isZero();
        });
    }

    @Test
    void noKeysMeansNoCloudBackends() {
        assertThat(CloudProviders.fromEnvironment(Map.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "openai, OPENAI_API_KEY, https://api.openai.com/v1, OPENAI",
            "anthropic, ANTHROPIC_API_KEY, https://api.anthropic.com, ANTHROPIC",
            "groq, GROQ_API_KEY, https://api.groq.com/openai/v1, OPENAI",
            "cerebras, CEREBRAS_API_KEY, https://api.cerebras.ai/v1, OPENAI",
            "sambanova, SAMBANOVA_API_KEY, https://api.sambanova.ai/v1, OPENAI",
            "mistral, MISTRAL_API_KEY, https://api.mistral.ai/v1, OPENAI",
            "together, TOGETHER_API_KEY, https://api.together.xyz/v1, OPENAI",
            "openrouter, OPENROUTER_API_KEY, https://openrouter.ai/api/v1, OPENAI",
    })
    void eachKnownProviderHasItsKeyVariableUrlAndProtocol(String name, String variable, String url, Protocol protocol) {
        var backend = CloudProviders.fromEnvironment(Map.of(variable, "key")).getFirst();

        assertThat(backend.name()).isEqualTo(name);
        assertThat(backend.baseUrl()).hasToString(url);
        assertThat(backend.protocol()).isEqualTo(protocol);
    }

    @Test
    void theTableListsEightProvidersInOrder() {
        assertThat(CloudProviders.known()).extracting(CloudProviders.Provider::name).containsExactly(
                "openai", "anthropic", "groq", "cerebras", "sambanova", "mistral", "together", "openrouter");
    }
}
