package dev.hearth.ingress.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of request fields that fail with a 400 naming the field path, so every dialect's decoder validates the
 * same way. A missing or JSON-null optional field reads as null.
 */
public final class JsonFields {
    private JsonFields() {}

    public static JsonNode present(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path, "'" + path + "' is required");
        }
        return value;
    }

    public static String requiredString(JsonNode node, String field, String path) {
        JsonNode value = present(node, field, path);
        if (!value.isTextual()) {
            throw invalid(path, "'" + path + "' must be a string");
        }
        return value.asText();
    }

    public static String optionalString(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path, "'" + path + "' must be a string");
        }
        return value.asText();
    }

    public static Double optionalNumber(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(path, "'" + path + "' must be a number");
        }
        return value.asDouble();
    }

    public static Integer optionalInt(JsonNode node, String field, String path, int min) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(path, "'" + path + "' must be an integer");
        }
        if (value.asInt() < min) {
            throw invalid(path, "'" + path + "' must be at least " + min);
        }
        return value.asInt();
    }

    public static Long optionalLong(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(path, "'" + path + "' must be an integer");
        }
        return value.asLong();
    }

    public static boolean optionalBoolean(JsonNode node, String field, String path, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(path, "'" + path + "' must be a boolean");
        }
        return value.asBoolean();
    }

    public static JsonNode optionalObject(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(path, "'" + path + "' must be an object");
        }
        return value;
    }

    public static JsonNode optionalArray(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(path, "'" + path + "' must be an array");
        }
        return value;
    }

    /** A string or an array of strings (OpenAI's {@code stop}, embedding {@code input}). */
    public static List<String> stringOrStrings(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw invalid(path, "'" + path + "' must be a string or an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw invalid(path + "[" + i + "]", "'" + path + "[" + i + "]' must be a string");
            }
            out.add(value.get(i).asText());
        }
        return out;
    }

    public static GatewayException invalid(String param, String message) {
        return new GatewayException(GatewayError.invalid(param, message));
    }
}
