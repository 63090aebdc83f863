package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolDefinition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private static final Backend LOCAL = backend("local");

    private static Backend backend(String name) {
        return new Backend(new BackendConfig(name, Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                Locality.LOCAL, List.of(), 0), new BackendHealth(name, FailoverConfig.defaults()));
    }

    private static Route route(String model, Integer context, Boolean tools, Boolean vision) {
        return new Route(LOCAL, model, new ModelInfo(model, context, tools, vision, 0.0, 0.0));
    }

    private static ChatRequest request(List<ToolDefinition> tools, boolean image, Integer maxTokens) {
        List<ContentPart> parts = image
                ? List.of(new ContentPart.Text("what is it"), new ContentPart.Image("data:image/png;base64,AA==", null))
                : List.of(new ContentPart.Text("hello"));
        return new ChatRequest("auto", List.of(new Message(Role.USER, parts, List.of(), null, null)), tools, null, null,
                new Sampling(null, null, null, maxTokens, false, List.of(), null, null, null), false, false, Map.of());
    }

    @Test
    void aRequestWithToolsSkipsModelsKnownNotToSupportThem() {
        var tools = List.of(new ToolDefinition("f", null, Map.of("type", "object"), null));
        var result = Eligibility.filter(List.of(route("gemma2", 8192, false, false), route("llama3.1", 131072, true,
                false), route("mystery", null, null, null)), request(tools, false, null), () -> 10);
        assertThat(result.eligible()).extracting(Route::model).containsExactly("llama3.1", "mystery");
        assertThat(result.dropped()).containsExactly("local/gemma2 does not support tools");
    }

    @Test
    void aJsonSchemaAnswerSkipsModelsKnownToRefuseIt() {
        ChatRequest plain = request(List.of(), false, null);
        ChatRequest structured = new ChatRequest(plain.model(), plain.messages(), plain.tools(), null,
                new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "answer", Map.of("type", "object"), true),
                plain.sampling(), false, false, Map.of());
        List<Route> candidates = List.of(
                new Route(LOCAL, "gpt-3.5-turbo", new ModelInfo("gpt-3.5-turbo", 16385, true, false, 0.5, 1.5, false)),
                new Route(LOCAL, "gpt-4o-mini", new ModelInfo("gpt-4o-mini", 128000, true, true, 0.15, 0.6, true)),
                route("qwen2.5", 32768, true, false));

        var result = Eligibility.filter(candidates, structured, () -> 10);
        assertThat(result.eligible()).extracting(Route::model).containsExactly("gpt-4o-mini", "qwen2.5");
        assertThat(result.dropped()).containsExactly("local/gpt-3.5-turbo does not support JSON schema output");
        assertThat(Eligibility.filter(candidates, plain, () -> 10).eligible()).hasSize(3);
    }

    @Test
    void imagesNeedAVisionModel() {
        var result = Eligibility.filter(List.of(route("phi4", 16384, false, false), route("llava", 4096, false, true)),
                request(List.of(), true, null), () -> 10);
        assertThat(result.eligible()).extracting(Route::model).containsExactly("llava");
    }

    @Test
    void aPromptPlusOutputLargerThanTheWindowIsDroppedAndCountedOnlyOnce() {
        AtomicInteger counts = new AtomicInteger();
        var result = Eligibility.filter(List.of(route("small", 8192, true, true), route("mid", 16384, true, true),
                route("large", 131072, true, true)), request(List.of(), false, 8000), () -> {
                    counts.incrementAndGet();
                    return 9000;
                });
        assertThat(result.eligible()).extracting(Route::model).containsExactly("large");
        assertThat(result.dropped()).containsExactly(
                "local/small context window 8192 tokens < prompt 9000 + max output 8000",
                "local/mid context window 16384 tokens < prompt 9000 + max output 8000");
        assertThat(counts).hasValue(1);
    }

    @Test
    void unknownFactsNeverDropACandidateAndNeedNoCounting() {
        var result = Eligibility.filter(List.of(route("mystery", null, null, null)),
                request(List.of(new ToolDefinition("f", null, null, null)), true, 100), () -> {
                    throw new AssertionError("no window known: nothing to count");
                });
        assertThat(result.eligible()).hasSize(1);
    }
}
