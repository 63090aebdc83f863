package dev.hearth.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.util.List;
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
}
