package dev.hearth.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it was written, so that every later check can name the file,
 * the line and the field path. Scalars keep the text exactly as written; {@code ${VAR}} references are
 * resolved later, by {@link NodeReader}, which knows what type the field expects.
 */
sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.Mapping, ConfigNode.Sequence {

    Origin origin();

    /** Where a value sits: file as given by the caller, 1-based line, and a path like {@code backends[1].name}. */
    record Origin(String file, int line, String path) {

        /** The exception to throw for a problem with this value. */
        ConfigException problem(String detail) {
            String where = path.isEmpty() ? "" : path + ": ";
            return new ConfigException(file + ":" + line + ": " + where + detail);
        }

        String child(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        String element(int index) {
            return path + "[" + index + "]";
        }
    }

    /** The YAML type of a scalar as the parser resolved it (YAML 1.2 booleans: only true and false). */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    record Scalar(Origin origin, Kind kind, String text) implements ConfigNode {
    }

    /** One key of a mapping; {@code keyLine} is where the key itself was written. */
    record Field(String key, int keyLine, ConfigNode value) {
    }

    record Mapping(Origin origin, Map<String, Field> fields) implements ConfigNode {
        public Mapping {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    record Sequence(Origin origin, List<ConfigNode> items) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }
}
