package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelCatalogLoader;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.tokens.TokenCounter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the planner treats a quality estimator that blocks (embeds the prompt) on the request path. */
class RoutePlannerQualityTest {
    private static final ModelDirectory DIRECTORY = new ModelDirectory(
            List.of(backend("box", Locality.LOCAL, "qwen2.5:7b"), backend("cloud", Locality.CLOUD, "gpt-4o")),
            Map.of("auto", new AliasConfig(List.of("box/qwen2.5:7b", "cloud/gpt-4o"), Strategy.LOCAL_FIRST, 0.5),
                    "ordered", new AliasConfig(List.of("box/qwen2.5:7b", "cloud/gpt-4o"), Strategy.ORDERED, 0.5)),
            ModelCatalogLoader.shipped());

    /** Blocks in real use; here it refuses to run, and its non-blocking form says 0.2. */
    private static final QualityEstimator BLOCKING = new QualityEstimator() {
        @Override
        public double needsStrongModel(ChatRequest request) {
            throw new AssertionError("the blocking estimator ran on the request path");
        }

        @Override
        public boolean blocks() {
            return true;
        }

        @Override
        public QualityEstimator nonBlocking() {
            return request -> 0.2;
        }
    };

    private static Backend backend(String name, Locality locality, String model) {
        return new Backend(new BackendConfig(name, Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                locality, List.of(model), 0), new BackendHealth(name, FailoverConfig.defaults()));
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, List.of(Message.text(Role.USER, "Prove Fermat's little theorem.")), List.of(),
                null, null, Sampling.NONE, false, false, Map.of());
    }

    private final RoutePlanner planner = new RoutePlanner(DIRECTORY, new TokenCounter(), BLOCKING);

    @Test
    void planningWithoutAnEstimateNeverCallsABlockingEstimatorAndUsesItsNonBlockingForm() {
        RoutePlan plan = planner.plan(request("auto"), Confinement.NONE);
        assertThat(plan.routes().getFirst().ref()).isEqualTo("box/qwen2.5:7b");
        assertThat(plan.reason()).contains("0.20");
    }

    @Test
    void anEstimateComputedElsewhereDecidesTheRanking() {
        RoutePlan plan = planner.plan(request("auto"), Confinement.NONE, 0.9);
        assertThat(plan.routes().getFirst().ref()).isEqualTo("cloud/gpt-4o");
        assertThat(plan.reason()).contains("0.90");
    }

    @Test
    void onlyAliasesWithAQualityAwareStrategyAskForTheEstimate() {
        assertThat(planner.ranksByQuality(request("auto"))).isTrue();
        assertThat(planner.ranksByQuality(request("ordered"))).isFalse();
        assertThat(planner.ranksByQuality(request("gpt-4o"))).isFalse();
    }
}
