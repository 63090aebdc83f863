package dev.hearth.provider.openai;

import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.ProviderContract;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.FakeUpstream;
import io.vertx.core.http.HttpClient;

class OpenAiContractTest implements ProviderContract {
    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public FakeUpstream newFake() {
        return new FakeOpenAi("m");
    }

    @Override
    public ProviderAdapter adapter(HttpClient client, BackendConfig backend) {
        return new OpenAiAdapter(client, backend);
    }
}
