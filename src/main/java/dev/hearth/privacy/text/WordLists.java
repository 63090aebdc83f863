package dev.hearth.privacy.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the dictionaries shipped under {@code src/main/resources/dev/hearth/privacy/}: one entry per line, blank lines
 * and {@code #} comments skipped. Called once per dictionary, from static initialisers.
 */
public final class WordLists {
    private WordLists() {}

    /**
     * @throws IllegalStateException when the resource is missing (a packaging error)
     */
    public static List<String> load(String name) {
        String path = "/dev/hearth/privacy/" + name;
        try (InputStream in = WordLists.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing word list " + path);
            }
            List<String> words = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    words.add(entry);
                }
            }
            return List.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
