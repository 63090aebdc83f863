package dev.hearth.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.hearth.config.ConfigNode.Field;
import dev.hearth.config.ConfigNode.Kind;
import dev.hearth.config.ConfigNode.Mapping;
import dev.hearth.config.ConfigNode.Origin;
import dev.hearth.config.ConfigNode.Scalar;
import dev.hearth.config.ConfigNode.Sequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns YAML text into a {@link ConfigNode} tree with a line number on every node, using Jackson's streaming
 * YAML parser. Rejects what YAML allows but a configuration should not: duplicate keys, aliases
 * ({@code *name}), several documents. Stateless and thread-safe.
 */
final class YamlTreeReader {

    // Plain empty values ("server:") read as null, and only true/false are booleans (no "yes"/"on"/"no").
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private YamlTreeReader() {
    }

    /** The document's root, or empty when the text holds no document at all (empty or only comments). */
    static Optional<ConfigNode> read(String yaml, String file) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            ConfigNode root = node(parser, file, new Origin(file, line(parser), ""));
            if (parser.nextToken() != null) {
                throw new Origin(file, line(parser), "")
                        .problem("only one YAML document is allowed, found a second one");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw malformed(e, file);
        } catch (IOException e) {
            // Reading from a String does no I/O; anything else here is a bug, not a configuration problem.
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigNode node(JsonParser parser, String file, Origin origin) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return mapping(parser, file, origin);
        }
        if (token == JsonToken.START_ARRAY) {
            return sequence(parser, file, origin);
        }
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw origin.problem("YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
        }
        Kind kind = switch (token) {
            case VALUE_STRING -> Kind.STRING;
            case VALUE_NUMBER_INT -> Kind.INTEGER;
            case VALUE_NUMBER_FLOAT -> Kind.FLOAT;
            case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
            case VALUE_NULL -> Kind.NULL;
            default -> throw origin.problem("unsupported YAML value (" + token + ")");
        };
        return new Scalar(origin, kind, kind == Kind.NULL ? "" : parser.getText());
    }

    private static Mapping mapping(JsonParser parser, String file, Origin origin) throws IOException {
        Map<String, Field> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            Field earlier = fields.get(key);
            if (earlier != null) {
                throw new Origin(file, keyLine, origin.child(key))
                        .problem("duplicate key (first written at line " + earlier.keyLine() + ")");
            }
            parser.nextToken();
            ConfigNode value = node(parser, file, new Origin(file, line(parser), origin.child(key)));
            fields.put(key, new Field(key, keyLine, value));
        }
        return new Mapping(origin, fields);
    }

    private static Sequence sequence(JsonParser parser, String file, Origin origin) throws IOException {
        List<ConfigNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, file, new Origin(file, line(parser), origin.element(items.size()))));
        }
        return new Sequence(origin, items);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * SnakeYAML's own message quotes the offending source line; a one-line summary with the line number
     * fits the {@code file:line:} format better.
     */
    private static ConfigException malformed(JsonProcessingException e, String file) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String detail = "malformed YAML: " + yaml.getProblem();
            if (yaml.getContext() != null && yaml.getContextMark() != null) {
                detail += " (" + yaml.getContext() + " at line " + (yaml.getContextMark().getLine() + 1) + ")";
            }
            return new ConfigException(file + ":" + (yaml.getProblemMark().getLine() + 1) + ": " + detail);
        }
        int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
        String original = e.getOriginalMessage();
        String summary = original == null ? "unreadable" : original.lines().findFirst().orElse("unreadable");
        return new ConfigException(file + ":" + line + ": malformed YAML: " + summary);
    }
}
