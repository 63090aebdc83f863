package dev.hearth.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.catalog.Price;
import dev.hearth.config.LimitsConfig;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Every answer is priced at its model's catalog price, beside what the strongest candidate would have cost. */
class CostAccountingTest {
    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theCheapAnswerIsRecordedBesideWhatTheStrongestCandidateWouldHaveCost() {
        try (FakeOpenAi mini = new FakeOpenAi("gpt-4o-mini");
                FakeOpenAi big = new FakeOpenAi("gpt-4o");
                TestGateway gateway = TestGateway.builder()
                        .openAi("mini", mini, "gpt-4o-mini").openAi("big", big, "gpt-4o")
                        .alias("cheap", Strategy.COST, 0.5, "big/gpt-4o", "mini/gpt-4o-mini").start()) {
            mini.enqueue(new Answer(List.of("ok"), List.of(), 1000, 200, "stop"));
            var response = gateway.post("/v1/chat/completions",
                    "{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.headers().firstValue("x-hearth-model")).hasValue("gpt-4o-mini");
            String scrape = gateway.get("/metrics").body();
            // gpt-4o-mini: 1000 x $0.15/M + 200 x $0.60/M; gpt-4o: 1000 x $2.50/M + 200 x $10/M
            assertThat(metric(scrape, "hearth_cost_usd_total")).isCloseTo(0.00027, Offset.offset(1e-9));
            assertThat(metric(scrape, "hearth_cost_reference_usd_total")).isCloseTo(0.0045, Offset.offset(1e-9));
        }
    }

    @Test
    void theOperatorsPriceOverridesAreWhatTheCostMetricCounts() {
        LimitsConfig defaults = LimitsConfig.defaults();
        // A negotiated price for gpt-4o-mini on this backend, and the local server's amortised hardware cost.
        LimitsConfig priced = new LimitsConfig(defaults.teams(), defaults.users(),
                Map.of("mini/gpt-4o-mini", new Price(0.10, 0.40), "local/*", new Price(0.02, 0.02)),
                defaults.defaultMaxOutputTokens(), defaults.redis());
        try (FakeOpenAi mini = new FakeOpenAi("gpt-4o-mini");
                FakeOpenAi local = new FakeOpenAi("qwen2.5:7b");
                TestGateway gateway = TestGateway.builder().limits(priced)
                        .openAi("mini", mini, "gpt-4o-mini").openAi("local", local, "qwen2.5:7b").start()) {
            mini.enqueue(new Answer(List.of("ok"), List.of(), 1000, 200, "stop"));
            local.enqueue(new Answer(List.of("ok"), List.of(), 1000, 1000, "stop"));
            gateway.post("/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            gateway.post("/v1/chat/completions",
                    "{\"model\":\"qwen2.5:7b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            String scrape = gateway.get("/metrics").body();
            // 1000 x $0.10/M + 200 x $0.40/M, not the catalog's $0.15/$0.60; the local server: 2000 x $0.02/M
            assertThat(metric(scrape, "hearth_cost_usd_total", "mini")).isCloseTo(0.00018, Offset.offset(1e-9));
            assertThat(metric(scrape, "hearth_cost_usd_total", "local")).isCloseTo(0.00004, Offset.offset(1e-9));
        }
    }

    private static double metric(String scrape, String name, String backend) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*backend=\"" + Pattern.quote(backend)
                + "\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " for " + backend + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
