import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.quality.LabeledPrompt;
import dev.hearth.routing.quality.PromptEmbedder;
import dev.hearth.routing.quality.QualityModel;
import dev.hearth.routing.quality.RouterBenchData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throwaway latency measurement for bench/ROUTER.md (not a test, no assertions). Run from the repository root after
 * `mvn -DskipTests package`:
 *
 *   java --enable-native-access=ALL-UNNAMED -cp 'target/hearth.jar:target/lib/*' bench/RouterLatency.java ../shared/data/routing
 *
 * One thread, one call at a time, each timed with System.nanoTime(); warm-up calls are not counted.
 */
public class RouterLatency {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/routing");
        List<String> prompts = new ArrayList<>();
        for (Path file : RouterBenchData.files(data, "_train.csv")) {
            for (LabeledPrompt p : RouterBenchData.read(file, RouterBenchData.DEFAULT_WEAK,
                    RouterBenchData.DEFAULT_STRONG).prompts()) {
                prompts.add(p.prompt());
            }
        }
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            PromptEmbedder embedder = new MiniLmPromptEmbedder(engine);
            long loadStart = System.nanoTime();
            engine.startLoading();
            engine.ready().join();
            System.out.printf(Locale.ROOT, "MiniLM load: %.0f ms%n", (System.nanoTime() - loadStart) / 1e6);
            QualityModel model = QualityModel.load(embedder);
            System.out.println("shipped model uses the embedding: " + model.usesEmbedding());
            int rounds = 2;
            report("shipped model: score(prompt)", prompts, rounds, p -> model.score(p));
            report("embedding included: embed(embeddingInput(prompt)) + score(embedding, prompt)", prompts, rounds,
                    p -> model.score(embedder.embed(model.embeddingInput(p)), p));
            report("embedding of the raw prompt (no boilerplate removal; MiniLM truncates at 128 pieces)", prompts,
                    rounds, p -> embedder.embed(p)[0]);
        }
    }

    interface Call {
        double run(String prompt);
    }

    static void report(String name, List<String> prompts, int rounds, Call call) {
        double sink = 0;
        for (int i = 0; i < 300; i++) {
            sink += call.run(prompts.get(i % prompts.size()));
        }
        long[] nanos = new long[prompts.size() * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (String prompt : prompts) {
                long start = System.nanoTime();
                sink += call.run(prompt);
                nanos[k++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms (sink %.1f)%n",
                name, nanos.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.9)] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6, sink);
    }
}
