package dev.hearth.model;

import java.util.List;
import java.util.Map;

/**
 * @param encodingFormat "float" (default) or "base64"
 * @param dimensions     requested output dimensions or null
 */
public record EmbeddingRequest(String model, List<String> input, String encodingFormat, Integer dimensions,
        Map<String, Object> extra) {
    public EmbeddingRequest {
        input = List.copyOf(input);
        extra = Map.copyOf(extra);
    }
}
