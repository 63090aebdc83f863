package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RouterComparisonTest {

    /** Two datasets of 200 prompts with random 0/1 grades; the strong model is right more often. */
    private static List<LabeledPrompt> prompts() {
        SplittableRandom random = new SplittableRandom(1);
        List<LabeledPrompt> prompts = new ArrayList<>();
        for (String dataset : List.of("b-set", "a-set")) {
            for (int i = 0; i < 200; i++) {
                prompts.add(new LabeledPrompt(dataset, "p" + i, random.nextDouble() < 0.5 ? 1 : 0,
                        random.nextDouble() < 0.8 ? 1 : 0));
            }
        }
        return prompts;
    }

    private static Map<String, double[]> routers(List<LabeledPrompt> prompts) {
        double[] oracle = prompts.stream().mapToDouble(p -> p.strongQuality() - p.weakQuality()).toArray();
        Map<String, double[]> routers = new LinkedHashMap<>();
        routers.put("oracle", oracle);
        routers.put("random", new double[prompts.size()]);
        return routers;
    }

    @Test
    void reportsEachDatasetInNameOrderThenThePool() {
        List<RouterComparison.Row> rows = RouterComparison.compare(prompts(), routers(prompts()), 200, 3);
        assertThat(rows).extracting(RouterComparison.Row::set).containsExactly("a-set", "b-set", "pooled");
        assertThat(rows).extracting(RouterComparison.Row::prompts).containsExactly(200, 200, 400);
        for (RouterComparison.Row row : rows) {
            RouterComparison.Result oracle = row.results().get(0);
            RouterComparison.Result random = row.results().get(1);
            assertThat(oracle.apgr()).isGreaterThan(0.8).isBetween(oracle.apgrLow(), oracle.apgrHigh());
            assertThat(random.apgr()).isCloseTo(0.5, within(1e-9));
            assertThat(random.apgrHigh() - random.apgrLow()).isLessThan(1e-9);
            assertThat(random.cpt50()).isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void theBootstrapIsDeterministicForASeed() {
        List<LabeledPrompt> prompts = prompts();
        assertThat(RouterComparison.compare(prompts, routers(prompts), 100, 42))
                .isEqualTo(RouterComparison.compare(prompts, routers(prompts), 100, 42));
    }

    @Test
    void rendersOneMarkdownLinePerSetAndRouter() {
        String table = RouterComparison.markdown(RouterComparison.compare(prompts(), routers(prompts()), 50, 1));
        assertThat(table.lines()).hasSize(2 + 3 * 2);
        assertThat(table.lines().skip(2).filter(l -> l.contains("| random |"))).allMatch(l -> l.contains("| — |"));
    }
}
