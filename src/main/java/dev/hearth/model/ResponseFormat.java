package dev.hearth.model;

import java.util.Map;

/**
 * The structured output the client asked for.
 *
 * @param schema JSON Schema for {@link Kind#JSON_SCHEMA}, else null
 */
public record ResponseFormat(Kind kind, String name, Map<String, Object> schema, Boolean strict) {
    public enum Kind {
        TEXT,
        JSON_OBJECT,
        JSON_SCHEMA
    }
}
