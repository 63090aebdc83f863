package dev.hearth.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the model catalog that ships as a resource ({@code dev/hearth/catalog/models.json}). */
public final class ModelCatalogLoader {
    private static final String RESOURCE = "/dev/hearth/catalog/models.json";

    private ModelCatalogLoader() {}

    public static ModelCatalog shipped() {
        try (InputStream in = ModelCatalogLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model catalog resource missing: " + RESOURCE);
            }
            return parse(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("model catalog resource unreadable", e);
        }
    }

    static ModelCatalog parse(JsonNode root) {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            models.add(new ModelInfo(m.path("id").asText(),
                    m.hasNonNull("context") ? m.get("context").asInt() : null,
                    m.hasNonNull("tools") ? m.get("tools").asBoolean() : null,
                    m.hasNonNull("vision") ? m.get("vision").asBoolean() : null,
                    m.hasNonNull("input") ? m.get("input").asDouble() : null,
                    m.hasNonNull("output") ? m.get("output").asDouble() : null,
                    m.hasNonNull("schema") ? m.get("schema").asBoolean() : null));
        }
        return new ModelCatalog(models);
    }
}
