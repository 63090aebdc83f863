package dev.hearth.cli;

import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.quality.LabeledPrompt;
import dev.hearth.routing.quality.PromptEmbedder;
import dev.hearth.routing.quality.QualityModel;
import dev.hearth.routing.quality.RouterComparison;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth router eval}: RouteLLM's metrics for the quality model and baselines on held-out labeled prompts,
 * printed as a Markdown table.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the quality model on the *_test.csv files of DIR (or DIR itself if it is a file):"
                + " APGR with a bootstrap 95%% CI, CPT(50%%) and CPT(80%%), per dataset and pooled, beside a random"
                + " router (expected value), a prompt-length router and the oracle. Prints Markdown.")
final class RouterEvalCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Directory of *_test.csv files.")
    Path data;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Weights file from `hearth router train` (default: the model shipped in Hearth).")
    Path model;

    @Option(names = "--resamples", defaultValue = "1000",
            description = "Bootstrap resamples for the APGR intervals (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--seed", defaultValue = "7", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            PromptEmbedder embedder = new MiniLmPromptEmbedder(engine);
            QualityModel quality;
            RouterData.Loaded loaded;
            try {
                quality = model == null ? QualityModel.load(embedder) : QualityModel.read(model, embedder);
                loaded = RouterData.load(data, "_test.csv", quality.weights().weak(), quality.weights().strong(),
                        System.err);
            } catch (IllegalArgumentException | NoSuchFileException invalid) {
                System.err.println("hearth: " + invalid.getMessage());
                return 2;
            }
            List<LabeledPrompt> prompts = loaded.prompts();
            int n = prompts.size();
            double[] learned = new double[n];
            double[] length = new double[n];
            double[] constant = new double[n];
            double[] oracle = new double[n];
            for (int i = 0; i < n; i++) {
                LabeledPrompt p = prompts.get(i);
                learned[i] = quality.score(p.prompt());
                length[i] = p.prompt().length();
                oracle[i] = p.strongQuality() - p.weakQuality();
            }
            // A constant score ties every prompt, which RoutingCurve resolves as the random router's expectation.
            Map<String, double[]> routers = new LinkedHashMap<>();
            routers.put("learned", learned);
            routers.put("random (expected)", constant);
            routers.put("prompt length", length);
            routers.put("oracle (upper bound)", oracle);
            List<RouterComparison.Row> rows = RouterComparison.compare(prompts, routers, resamples, seed);
            System.out.println("Weak: " + quality.weights().weak() + "; strong: " + quality.weights().strong()
                    + "; test files: " + String.join(", ", loaded.files()) + "; bootstrap: " + resamples
                    + " resamples, seed " + seed + ".\n");
            System.out.print(RouterComparison.markdown(rows));
        }
        return 0;
    }
}
