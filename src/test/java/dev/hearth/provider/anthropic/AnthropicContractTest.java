package dev.hearth.provider.anthropic;

import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.ProviderContract;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.FakeUpstream;
import io.vertx.core.http.HttpClient;

class AnthropicContractTest implements ProviderContract {
    @Override
    public Protocol protocol() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public FakeUpstream newFake() {
        return FakeAnthropic.start();
    }

    @Override
    public ProviderAdapter adapter(HttpClient client, BackendConfig backend) {
        return new AnthropicAdapter(client, backend);
    }
}
