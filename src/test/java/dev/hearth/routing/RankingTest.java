package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RankingTest {
    private static final Backend LOCAL = backend("box", Locality.LOCAL);
    private static final Backend CLOUD = backend("cloud", Locality.CLOUD);
    private static final ChatRequest HELLO = request(List.of(), false, null);

    private static Backend backend(String name, Locality locality) {
        return new Backend(new BackendConfig(name, Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                locality, List.of(), 0), new BackendHealth(name, FailoverConfig.defaults()));
    }

    private static Route route(Backend backend, String model, Double in, Double out) {
        return new Route(backend, model, new ModelInfo(model, 128000, true, true, in, out));
    }

    private static ChatRequest request(List<ToolDefinition> tools, boolean image, Integer maxTokens) {
        List<ContentPart> parts = image
                ? List.of(new ContentPart.Text("look"), new ContentPart.Image("data:image/png;base64,AA==", null))
                : List.of(new ContentPart.Text("hello there"));
        return new ChatRequest("auto", List.of(new Message(Role.USER, parts, List.of(), null, null)), tools, null, null,
                new Sampling(null, null, null, maxTokens, false, List.of(), null, null, null), false, false, Map.of());
    }

    private static List<String> refs(Ranking.Ranked ranked) {
        return ranked.routes().stream().map(Route::ref).toList();
    }

    @Test
    void costPutsTheCheapestFirstAndUnknownCloudPricesLast() {
        var ranked = Ranking.rank(List.of(route(CLOUD, "gpt-4o", 2.5, 10.0), route(CLOUD, "mystery", null, null),
                route(CLOUD, "gpt-4o-mini", 0.15, 0.6), route(LOCAL, "qwen", 0.0, 0.0)),
                new AliasConfig(List.of(), Strategy.COST, 0.5), HELLO, QualityEstimator.NONE);
        assertThat(refs(ranked)).containsExactly("box/qwen", "cloud/gpt-4o-mini", "cloud/gpt-4o", "cloud/mystery");
        assertThat(ranked.explanation()).startsWith("cost: box/qwen $0.000000");
    }

    @Test
    void latencyPrefersTheFasterBackendAndGivesUntriedOnesAChance() {
        Backend slow = backend("slow", Locality.LOCAL);
        Backend fast = backend("fast", Locality.LOCAL);
        Backend fresh = backend("fresh", Locality.LOCAL);
        slow.latency().record(900_000_000L);
        fast.latency().record(40_000_000L);
        var ranked = Ranking.rank(List.of(route(slow, "m", 0.0, 0.0), route(fast, "m", 0.0, 0.0),
                route(fresh, "m", 0.0, 0.0)), new AliasConfig(List.of(), Strategy.LATENCY, 0.5), HELLO,
                QualityEstimator.NONE);
        assertThat(refs(ranked)).containsExactly("fresh/m", "fast/m", "slow/m");
    }

    @Test
    void localFirstSendsHardRequestsToTheCloudWhenTheEstimateSaysSo() {
        List<Route> candidates = List.of(route(CLOUD, "gpt-4o", 2.5, 10.0), route(LOCAL, "qwen", 0.0, 0.0));
        AliasConfig alias = new AliasConfig(List.of(), Strategy.LOCAL_FIRST, 0.5);
        assertThat(refs(Ranking.rank(candidates, alias, HELLO, r -> 0.2))).containsExactly("box/qwen", "cloud/gpt-4o");
        var hard = Ranking.rank(candidates, alias, HELLO, r -> 0.9);
        assertThat(refs(hard)).containsExactly("cloud/gpt-4o", "box/qwen");
        assertThat(hard.explanation()).contains("needs-strong 0.90 > 0.50");
        assertThat(refs(Ranking.rank(candidates, alias, HELLO, QualityEstimator.NONE)))
                .containsExactly("box/qwen", "cloud/gpt-4o");
    }

    @Test
    void theQualityKnobRunsFromAlwaysCheapestToAlwaysStrongest() {
        List<Route> candidates = List.of(route(CLOUD, "gpt-4o", 2.5, 10.0), route(LOCAL, "qwen", 0.0, 0.0));
        QualityEstimator middling = r -> 0.6;
        assertThat(refs(Ranking.rank(candidates, new AliasConfig(List.of(), Strategy.QUALITY, 0.0), HELLO, middling)))
                .first().isEqualTo("box/qwen");
        assertThat(refs(Ranking.rank(candidates, new AliasConfig(List.of(), Strategy.QUALITY, 1.0), HELLO, middling)))
                .first().isEqualTo("cloud/gpt-4o");
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void noStrategyEverSelectsAnIneligibleCandidate(Strategy strategy) {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<Route> candidates = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                Backend backend = random.nextBoolean() ? LOCAL : CLOUD;
                Boolean tools = random.nextInt(3) == 0 ? null : random.nextBoolean();
                Boolean vision = random.nextInt(3) == 0 ? null : random.nextBoolean();
                Integer context = random.nextInt(3) == 0 ? null : 1000 * (1 + random.nextInt(200));
                Double price = random.nextInt(4) == 0 ? null : random.nextDouble() * 20;
                candidates.add(new Route(backend, "m" + i, new ModelInfo("m" + i, context, tools, vision, price,
                        price == null ? null : price * 3)));
            }
            var tools = random.nextBoolean() ? List.of(new ToolDefinition("f", null, null, null)) : List.<ToolDefinition>of();
            ChatRequest request = request(tools, random.nextBoolean(), random.nextBoolean() ? 1000 * random.nextInt(50) + 1 : null);
            int prompt = random.nextInt(100_000);
            Eligibility.Result eligible = Eligibility.filter(candidates, request, () -> prompt);
            if (eligible.eligible().isEmpty()) {
                continue;
            }
            double score = random.nextDouble();
            var ranked = Ranking.rank(eligible.eligible(), new AliasConfig(List.of(), strategy, random.nextDouble()),
                    request, r -> score);
            assertThat(ranked.routes()).containsExactlyInAnyOrderElementsOf(eligible.eligible());
            for (Route chosen : ranked.routes()) {
                ModelInfo info = chosen.info();
                assertThat(request.needsTools() && Boolean.FALSE.equals(info.tools())).isFalse();
                assertThat(request.hasImages() && Boolean.FALSE.equals(info.vision())).isFalse();
                int output = request.sampling().maxTokens() == null ? 0 : request.sampling().maxTokens();
                assertThat(info.contextWindow() != null && prompt + output > info.contextWindow()).isFalse();
            }
        }
    }
}
