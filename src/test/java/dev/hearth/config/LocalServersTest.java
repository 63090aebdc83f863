package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import org.junit.jupiter.api.Test;

class LocalServersTest {

    @Test
    void theUsualLocalServersAreProbedOnLoopback() {
        assertThat(LocalServers.candidates())
                .extracting(BackendConfig::name, BackendConfig::protocol, backend -> backend.baseUrl().toString())
                .containsExactly(
                        tuple("ollama", Protocol.OLLAMA, "http://127.0.0.1:11434"),
                        tuple("lmstudio", Protocol.OPENAI, "http://127.0.0.1:1234/v1"),
                        tuple("vllm", Protocol.OPENAI, "http://127.0.0.1:8000/v1"),
                        tuple("llamacpp", Protocol.OPENAI, "http://127.0.0.1:8080/v1"));
    }

    @Test
    void everyLocalCandidateIsLocalAndNeedsNoKey() {
        assertThat(LocalServers.candidates()).allSatisfy(backend -> {
            assertThat(backend.location()).isEqualTo(Locality.LOCAL);
            assertThat(Loopback.isLoopback(backend.baseUrl().getHost())).isTrue();
            assertThat(backend.apiKey()).isNull();
            assertThat(backend.models()).isEmpty();
        });
    }
}
