package dev.hearth.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.json.Json;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LmStudioModelsTest {
    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:1234/v1, http://127.0.0.1:1234",
        "http://127.0.0.1:1234/v1/, http://127.0.0.1:1234",
        "http://gpu-box:1234, http://gpu-box:1234",
        "http://gpu-box/lmstudio/v1, http://gpu-box/lmstudio"})
    void theRestApiLivesAtTheServerRootBesideV1(String base, String root) {
        assertThat(LmStudioModels.restRoot(URI.create(base))).isEqualTo(URI.create(root));
    }

    @Test
    void onlyModelsInStateLoadedCount() throws Exception {
        var body = Json.read("""
                {"object":"list","data":[
                  {"id":"qwen2.5-7b-instruct","object":"model","type":"llm","state":"loaded"},
                  {"id":"text-embedding-nomic","object":"model","type":"embeddings","state":"not-loaded"},
                  {"id":"llama-3.2-3b","object":"model","type":"llm"},
                  {"object":"model","state":"loaded"}]}""");
        assertThat(LmStudioModels.loadedIds(body)).containsExactly("qwen2.5-7b-instruct");
    }
}
