package dev.hearth.config;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The cloud providers Hearth knows for zero-configuration start: a provider is enabled when its API-key
 * variable is set (see {@link DiscoveryConfig#cloudKeys()}). All are {@link Locality#CLOUD}; all speak the
 * OpenAI-compatible protocol except Anthropic. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Known providers</caption>
 *   <tr><th>name</th><th>key variable</th><th>base URL</th><th>protocol</th></tr>
 *   <tr><td>openai</td><td>OPENAI_API_KEY</td><td>https://api.openai.com/v1</td><td>openai</td></tr>
 *   <tr><td>anthropic</td><td>ANTHROPIC_API_KEY</td><td>https://api.anthropic.com</td><td>anthropic</td></tr>
 *   <tr><td>groq</td><td>GROQ_API_KEY</td><td>https://api.groq.com/openai/v1</td><td>openai</td></tr>
 *   <tr><td>cerebras</td><td>CEREBRAS_API_KEY</td><td>https://api.cerebras.ai/v1</td><td>openai</td></tr>
 *   <tr><td>sambanova</td><td>SAMBANOVA_API_KEY</td><td>https://api.sambanova.ai/v1</td><td>openai</td></tr>
 *   <tr><td>mistral</td><td>MISTRAL_API_KEY</td><td>https://api.mistral.ai/v1</td><td>openai</td></tr>
 *   <tr><td>together</td><td>TOGETHER_API_KEY</td><td>https://api.together.xyz/v1</td><td>openai</td></tr>
 *   <tr><td>openrouter</td><td>OPENROUTER_API_KEY</td><td>https://openrouter.ai/api/v1</td><td>openai</td></tr>
 * </table>
 */
public final class CloudProviders {

    /**
     * One known provider.
     *
     * @param name           backend name used in {@code name/model} references
     * @param apiKeyVariable environment variable holding the key; the provider is enabled when it is set
     * @param baseUrl        API root the protocol adapter appends its paths to
     * @param protocol       wire protocol spoken there
     */
    public record Provider(String name, String apiKeyVariable, URI baseUrl, Protocol protocol) {

        /** This provider as a cloud backend with the given key, no concurrency limit and models discovered. */
        public BackendConfig toBackend(Secret apiKey) {
            return new BackendConfig(name, protocol, baseUrl, apiKey, Locality.CLOUD, List.of(), 0);
        }
    }

    private static final List<Provider> KNOWN = List.of(
            openAiCompatible("openai", "OPENAI_API_KEY", "https://api.openai.com/v1"),
            new Provider("anthropic", "ANTHROPIC_API_KEY", URI.create("https://api.anthropic.com"), Protocol.ANTHROPIC),
            openAiCompatible("groq", "GROQ_API_KEY", "https://api.groq.com/openai/v1"),
            openAiCompatible("cerebras", "CEREBRAS_API_KEY", "https://api.cerebras.ai/v1"),
            openAiCompatible("sambanova", "SAMBANOVA_API_KEY", "https://api.sambanova.ai/v1"),
            openAiCompatible("mistral", "MISTRAL_API_KEY", "https://api.mistral.ai/v1"),
            openAiCompatible("together", "TOGETHER_API_KEY", "https://api.together.xyz/v1"),
            openAiCompatible("openrouter", "OPENROUTER_API_KEY", "https://openrouter.ai/api/v1"));

    private CloudProviders() {
    }

    /** Every known provider, in the order of the table above. */
    public static List<Provider> known() {
        return KNOWN;
    }

    /**
     * A backend for each known provider whose key variable is set and not blank, in table order, with the
     * key as a {@link Secret} and an empty model list (models are discovered). Unset providers are skipped.
     */
    public static List<BackendConfig> fromEnvironment(Map<String, String> env) {
        return KNOWN.stream()
                .filter(provider -> {
                    String key = env.get(provider.apiKeyVariable());
                    return key != null && !key.isBlank();
                })
                .map(provider -> provider.toBackend(Secret.of(env.get(provider.apiKeyVariable()))))
                .toList();
    }

    private static Provider openAiCompatible(String name, String apiKeyVariable, String baseUrl) {
        return new Provider(name, apiKeyVariable, URI.create(baseUrl), Protocol.OPENAI);
    }
}
