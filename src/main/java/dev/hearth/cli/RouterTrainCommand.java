package dev.hearth.cli;

import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.quality.QualityTrainer;
import dev.hearth.routing.quality.RouterBenchData;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth router train}: fits the quality model on labeled CSVs (RouterBench format, see
 * {@link RouterBenchData}) and writes its weights file. Deterministic: the same data and options give the same file.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the quality model on labeled prompts and write its weights file. Reads the *_train.csv"
                + " files of DIR (or DIR itself if it is a file): RFC 4180 CSV with a header, a 'prompt' column and"
                + " one grade column in [0, 1] per model; see dev.hearth.routing.quality.RouterBenchData.")
final class RouterTrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Directory of *_train.csv files.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "quality-model.txt",
            description = "Weights file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--weak", paramLabel = "COLUMN", defaultValue = RouterBenchData.DEFAULT_WEAK,
            description = "Grade column of the weak (local) model (default: ${DEFAULT-VALUE}).")
    String weak;

    @Option(names = "--strong", paramLabel = "COLUMN", defaultValue = RouterBenchData.DEFAULT_STRONG,
            description = "Grade column of the strong model (default: ${DEFAULT-VALUE}).")
    String strong;

    @Option(names = "--seed", defaultValue = "20240501", description = "Cross-validation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Cross-validation repeats with different shuffles (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException {
        RouterData.Loaded loaded;
        try {
            loaded = RouterData.load(data, "_train.csv", weak, strong, System.err);
        } catch (IllegalArgumentException invalid) {
            System.err.println("hearth: " + invalid.getMessage());
            return 2;
        }
        QualityTrainer.Options defaults = QualityTrainer.Options.defaults();
        QualityTrainer.Options options = new QualityTrainer.Options(seed, folds, repeats, defaults.featureL2Grid(),
                defaults.embeddingL2Grid(), defaults.kGrid());
        List<String> notes = new ArrayList<>();
        notes.add("trained on " + String.join(", ", loaded.files()));
        notes.add(String.format(Locale.ROOT, "label: 1 when %s's grade beats %s's; cv: %d folds x %d repeats, seed %d",
                strong, weak, folds, repeats, seed));
        QualityTrainer.Result result;
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            result = QualityTrainer.train(loaded.prompts(), new MiniLmPromptEmbedder(engine),
                    MiniLmEmbeddingEngine.MODEL_NAME, weak, strong, notes, options, System.err::println);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            result.weights().write(writer);
        }
        System.err.println("wrote " + out);
        System.out.print(candidatesTable(result));
        return 0;
    }

    private static String candidatesTable(QualityTrainer.Result result) {
        StringBuilder table = new StringBuilder(
                "| candidate (cross-validated on the training files) | pooled APGR (sd over repeats) | mean per-dataset APGR | AUC"
                        + " | Brier |\n|---|---:|---:|---:|---:|\n");
        for (QualityTrainer.Candidate c : result.candidates()) {
            String mark = c.equals(result.chosen()) ? " **(chosen)**" : "";
            table.append(String.format(Locale.ROOT, "| %s%s | %.4f (%.4f) | %.4f | %.4f | %.4f |\n", c.name(),
                    mark, c.pooledApgr(), c.pooledApgrSd(), c.meanDatasetApgr(), c.auc(), c.brier()));
        }
        return table.toString();
    }
}
