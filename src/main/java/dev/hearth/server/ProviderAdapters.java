package dev.hearth.server;

import dev.hearth.provider.ProviderAdapter;

import dev.hearth.config.BackendConfig;
import dev.hearth.provider.anthropic.AnthropicAdapter;
import dev.hearth.provider.ollama.OllamaAdapter;
import dev.hearth.provider.openai.OpenAiAdapter;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.http.HttpClient;

/** Builds the adapter for a backend's protocol: the one switch over protocols in Hearth. */
public final class ProviderAdapters {
    private ProviderAdapters() {}

    public static ProviderAdapter create(BackendConfig backend, HttpClient client, TokenCounter tokens,
            ProviderAdapter embedded) {
        return switch (backend.protocol()) {
            case OPENAI -> new OpenAiAdapter(client, backend);
            case ANTHROPIC -> new AnthropicAdapter(client, backend);
            case EMBEDDED -> embedded;
            case OLLAMA -> new OllamaAdapter(client, backend, tokens);
        };
    }
}
