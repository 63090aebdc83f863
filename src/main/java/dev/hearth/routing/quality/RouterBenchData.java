package dev.hearth.routing.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labeled prompts in the RouterBench CSV format, so that users can retrain the quality router on their own
 * grades.
 *
 * <p><b>Format.</b> An RFC 4180 CSV file with a header row. Required columns: {@code prompt}, and one grade column per
 * model named after the model (for example {@code mistralai/mistral-7b-chat}); a grade is a number in [0, 1]
 * (RouterBench writes {@code 1.0} correct, {@code 0.0} wrong). Optional: {@code eval_name}, the dataset a row belongs
 * to (the file name without {@code _train.csv}/{@code _test.csv} otherwise). Other columns are ignored. A prompt
 * written as a Python list of strings, {@code ['…']} as RouterBench stores it, is decoded and its strings joined with
 * a blank line; any other prompt is taken as it is.
 *
 * <p>Rows whose weak or strong grade is empty are dropped and counted (RouterBench has 14 such ARC rows).
 *
 * <p>Failures: {@link IllegalArgumentException} naming the file and line for a missing column or a grade that is not a
 * number in [0, 1]; {@link CsvReader.CsvException} for malformed CSV; {@link IOException} for unreadable files.
 */
public final class RouterBenchData {
    /** RouterBench's 7B open model, the stand-in for a local model. */
    public static final String DEFAULT_WEAK = "mistralai/mistral-7b-chat";
    /** RouterBench's frontier model. */
    public static final String DEFAULT_STRONG = "gpt-4-1106-preview";

    private RouterBenchData() {}

    /** The prompts of one file and how many rows were dropped for an empty grade. */
    public record Loaded(List<LabeledPrompt> prompts, int dropped) {}

    /** Files in {@code dir} whose names end with {@code suffix} (e.g. {@code _train.csv}), sorted by name. */
    public static List<Path> files(Path dir, String suffix) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + suffix)) {
            entries.forEach(files::add);
        }
        files.sort(Path::compareTo);
        return files;
    }

    /** Reads one file; {@code weak} and {@code strong} name the grade columns. */
    public static Loaded read(Path file, String weak, String strong) throws IOException {
        try (Reader in = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return read(in, file.getFileName().toString(), weak, strong);
        }
    }

    static Loaded read(Reader in, String fileName, String weak, String strong) {
        CsvReader csv = new CsvReader(in);
        CsvReader.Row header = csv.next();
        if (header == null) {
            throw new IllegalArgumentException(fileName + ": empty file, expected a header row");
        }
        int promptColumn = column(header, "prompt", fileName);
        int weakColumn = column(header, weak, fileName);
        int strongColumn = column(header, strong, fileName);
        int datasetColumn = header.fields().indexOf("eval_name");
        String fallbackDataset = fileName.replaceFirst("(_train|_test)?\\.csv$", "");
        List<LabeledPrompt> prompts = new ArrayList<>();
        int dropped = 0;
        for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
            List<String> cells = row.fields();
            if (cells.size() != header.fields().size()) {
                throw new IllegalArgumentException(fileName + ":" + row.line() + ": " + cells.size()
                        + " fields, the header has " + header.fields().size());
            }
            String weakCell = cells.get(weakColumn).strip();
            String strongCell = cells.get(strongColumn).strip();
            if (weakCell.isEmpty() || strongCell.isEmpty()) {
                dropped++;
                continue;
            }
            String dataset = datasetColumn >= 0 && !cells.get(datasetColumn).isBlank()
                    ? cells.get(datasetColumn) : fallbackDataset;
            prompts.add(new LabeledPrompt(dataset, promptText(cells.get(promptColumn)),
                    grade(weakCell, fileName, row, weak), grade(strongCell, fileName, row, strong)));
        }
        return new Loaded(List.copyOf(prompts), dropped);
    }

    /** The prompt a cell holds: a Python list of string literals is decoded and joined, anything else kept. */
    static String promptText(String cell) {
        List<String> parts = PythonStrings.parseList(cell);
        return parts == null ? cell : String.join("\n\n", parts);
    }

    private static int column(CsvReader.Row header, String name, String fileName) {
        int index = header.fields().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(fileName + ": no column named \"" + name + "\"");
        }
        return index;
    }

    private static double grade(String cell, String fileName, CsvReader.Row row, String column) {
        try {
            double value = Double.parseDouble(cell);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the place
        }
        throw new IllegalArgumentException(fileName + ":" + row.line() + ": column \"" + column
                + "\" holds \"" + cell + "\", expected a grade in [0, 1]");
    }
}
