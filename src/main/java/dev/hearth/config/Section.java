package dev.hearth.config;

import dev.hearth.config.ConfigNode.Field;
import dev.hearth.config.ConfigNode.Mapping;
import dev.hearth.config.ConfigNode.Origin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping with a fixed set of kebab-case keys, such as {@code server} or one backend. Construction refuses
 * any other key (suggesting the near one); the typed getters take the default when a key is absent and
 * leave the strict reading of a present value to {@link NodeReader}.
 */
final class Section {

    private final Mapping mapping;
    private final NodeReader read;

    Section(Mapping mapping, List<String> keys, NodeReader read) {
        for (Field field : mapping.fields().values()) {
            if (!keys.contains(field.key())) {
                throw unknownKey(mapping.origin(), field, keys);
            }
        }
        this.mapping = mapping;
        this.read = read;
    }

    /** An empty section, for a section that is absent or written with no content ({@code server:}). */
    static Section empty(Origin origin, NodeReader read) {
        return new Section(new Mapping(origin, Map.of()), List.of(), read);
    }

    Origin origin() {
        return mapping.origin();
    }

    Optional<ConfigNode> get(String key) {
        return Optional.ofNullable(mapping.fields().get(key)).map(Field::value);
    }

    ConfigNode require(String key) {
        return get(key).orElseThrow(() -> mapping.origin().problem("missing required key \"" + key + "\""));
    }

    String string(String key, String fallback) {
        return get(key).map(read::string).orElse(fallback);
    }

    int integer(String key, int min, int max, int fallback) {
        return get(key).map(node -> (int) read.integer(node, min, max)).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return get(key).map(read::bool).orElse(fallback);
    }

    Duration duration(String key, Duration min, Duration fallback) {
        return get(key).map(node -> read.duration(node, min)).orElse(fallback);
    }

    long size(String key, long fallback) {
        return get(key).map(read::size).orElse(fallback);
    }

    private static ConfigException unknownKey(Origin section, Field field, List<String> keys) {
        Origin at = new Origin(section.file(), field.keyLine(), section.child(field.key()));
        String hint = KeySuggestion.closest(field.key(), keys)
                .map(near -> "did you mean \"" + near + "\"?")
                .orElse(keys.isEmpty() ? "this section takes no keys" : "valid keys: " + String.join(", ", keys));
        return at.problem("unknown key; " + hint);
    }
}
