package dev.hearth.ingress.openai;

import dev.hearth.auth.Principal;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.ingress.common.ServedModels;
import dev.hearth.json.Json;
import dev.hearth.routing.ModelDirectory;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /v1/models and /v1/models/{id}: every backend's models (first backend named as owner) plus aliases. */
final class ModelsHandler {
    private static final long CREATED = 1_700_000_000L;
    private final ModelDirectory directory;

    ModelsHandler(ModelDirectory directory) {
        this.directory = directory;
    }

    /** Model id to owner: backends' models in configuration order, then aliases (owner "hearth"). */
    private Map<String, String> catalog() {
        Map<String, String> models = new LinkedHashMap<>();
        ServedModels.list(directory).forEach(model -> models.put(model.name(), model.owner()));
        return models;
    }

    /** The models and aliases this caller may use: a key limited to some sees only those. */
    void list(RoutingContext ctx) {
        Principal principal = RequestStamp.inbound(ctx).principal();
        Map<String, String> models = new LinkedHashMap<>(catalog());
        models.keySet().removeIf(model -> !principal.mayUse(model));
        ctx.response().putHeader("Content-Type", "application/json").end(Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("object", "list");
            gen.writeArrayFieldStart("data");
            for (Map.Entry<String, String> model : models.entrySet()) {
                writeModel(gen, model.getKey(), model.getValue());
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }));
    }

    void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String owner = catalog().get(id);
        if (owner == null || !RequestStamp.inbound(ctx).principal().mayUse(id)) {
            OpenAiErrorWriter.INSTANCE.write(ctx.response(), new GatewayError(ErrorKind.NOT_FOUND,
                    "The model '" + id + "' does not exist", "model_not_found", "model", null));
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json")
                .end(Json.write(gen -> writeModel(gen, id, owner)));
    }

    private static void writeModel(com.fasterxml.jackson.core.JsonGenerator gen, String id, String owner)
            throws java.io.IOException {
        gen.writeStartObject();
        gen.writeStringField("id", id);
        gen.writeStringField("object", "model");
        gen.writeNumberField("created", CREATED);
        gen.writeStringField("owned_by", owner);
        gen.writeEndObject();
    }

}
