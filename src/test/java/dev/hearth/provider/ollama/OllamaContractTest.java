package dev.hearth.provider.ollama;

import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.ProviderContract;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.FakeUpstream;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.http.HttpClient;

class OllamaContractTest implements ProviderContract {
    private static final TokenCounter TOKENS = new TokenCounter();

    @Override
    public Protocol protocol() {
        return Protocol.OLLAMA;
    }

    @Override
    public FakeUpstream newFake() {
        return new FakeOllama().models("m");
    }

    @Override
    public ProviderAdapter adapter(HttpClient client, BackendConfig backend) {
        return new OllamaAdapter(client, backend, TOKENS);
    }
}
