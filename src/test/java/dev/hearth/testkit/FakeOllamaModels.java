package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link FakeOllama} has installed and loaded. A name without a tag means {@code :latest}, as in Ollama. A model
 * counts as loaded once a request used it, until a request with {@code keep_alive: 0} unloads it. Thread-safe.
 */
final class FakeOllamaModels {
    private final List<String> installed = new ArrayList<>();
    private final Set<String> loaded = new LinkedHashSet<>();

    FakeOllamaModels(List<String> names) {
        install(names);
    }

    synchronized void install(List<String> names) {
        installed.clear();
        names.forEach(name -> installed.add(fullName(name)));
    }

    synchronized void load(List<String> names) {
        names.forEach(name -> loaded.add(fullName(name)));
    }

    /** The installed model a request names, or null when Ollama would answer "not found". */
    synchronized String find(String asked) {
        String name = fullName(asked);
        return installed.contains(name) ? name : null;
    }

    /** Records that a request used {@code model}: loads it, or unloads it when the request said keep_alive 0. */
    synchronized void used(String model, JsonNode request) {
        if (keepAliveZero(request)) {
            loaded.remove(model);
        } else {
            loaded.add(model);
        }
    }

    synchronized List<String> installed() {
        return List.copyOf(installed);
    }

    synchronized List<String> loaded() {
        return List.copyOf(loaded);
    }

    static boolean keepAliveZero(JsonNode request) {
        JsonNode keepAlive = request.get("keep_alive");
        return keepAlive != null && (keepAlive.isNumber() && keepAlive.asDouble() == 0
                || keepAlive.isTextual() && keepAlive.asText().matches("0+[a-z]*"));
    }

    private static String fullName(String name) {
        return name.contains(":") ? name : name + ":latest";
    }
}
