package dev.hearth.cli;

import dev.hearth.routing.quality.LabeledPrompt;
import dev.hearth.routing.quality.RouterBenchData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the labeled CSV files the router commands read, reporting each file on standard error. */
final class RouterData {
    private RouterData() {}

    /** What was read, and from which files. */
    record Loaded(List<LabeledPrompt> prompts, List<String> files) {}

    /**
     * {@code data} itself if it is a file, otherwise its files ending in {@code suffix}.
     *
     * @throws IllegalArgumentException when there is nothing to read, or a file is malformed (the message says where)
     */
    static Loaded load(Path data, String suffix, String weak, String strong, PrintStream err) throws IOException {
        List<Path> files = Files.isDirectory(data) ? RouterBenchData.files(data, suffix) : List.of(data);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *" + suffix + " files in " + data);
        }
        List<LabeledPrompt> prompts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            RouterBenchData.Loaded loaded = RouterBenchData.read(file, weak, strong);
            prompts.addAll(loaded.prompts());
            names.add(file.getFileName() + " (" + loaded.prompts().size() + ")");
            err.println("read " + file.getFileName() + ": " + loaded.prompts().size() + " prompts"
                    + (loaded.dropped() > 0 ? ", " + loaded.dropped() + " dropped for an empty grade" : ""));
        }
        return new Loaded(List.copyOf(prompts), List.copyOf(names));
    }
}
