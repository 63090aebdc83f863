package dev.hearth.ingress.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.auth.Principal;
import dev.hearth.backend.Backend;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.ingress.common.ServedModels;
import dev.hearth.json.Json;
import dev.hearth.routing.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * The model endpoints of Ollama's API, answered from Hearth's directory ({@link OllamaModelInfo} for the details):
 * {@code GET /api/tags} lists every model Hearth serves, aliases included; {@code POST /api/show} describes one (404
 * in Ollama's shape for a name Hearth does not serve); {@code GET /api/ps} is always an empty list, because Hearth
 * itself keeps no model loaded (backends do, and each reports its own); {@code GET /api/version} answers
 * {@link #version()}.
 */
final class OllamaModelsHandler {
    /**
     * The Ollama API level Hearth answers like: the chat and generate fields it implements ({@code think},
     * {@code tool_name}, structured {@code format}) are those of Ollama 0.9. Clients compare the version to enable
     * features, so it must be a plain version they can parse; Hearth's own version rides along as build metadata,
     * which version comparisons ignore (semver and PEP 440 alike).
     */
    static final String API_LEVEL = "0.9.0";

    private final IngressContext context;

    OllamaModelsHandler(IngressContext context) {
        this.context = context;
    }

    /** {@code 0.9.0+hearth.<version>}, or {@code +hearth.dev} when run from classes rather than the jar. */
    static String version() {
        String own = OllamaModelsHandler.class.getPackage().getImplementationVersion();
        return API_LEVEL + "+hearth." + (own == null ? "dev" : own.replaceAll("[^0-9A-Za-z.-]", "-"));
    }

    void version(RoutingContext ctx) {
        json(ctx, Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("version", version());
            gen.writeEndObject();
        }));
    }

    void tags(RoutingContext ctx) {
        Principal principal = RequestStamp.inbound(ctx).principal();
        List<ServedModels.ServedModel> models = ServedModels.list(context.directory()).stream()
                .filter(model -> principal.mayUse(model.name())).toList();
        json(ctx, Json.write(gen -> {
            gen.writeStartObject();
            gen.writeArrayFieldStart("models");
            for (ServedModels.ServedModel model : models) {
                OllamaModelInfo.writeListing(gen, model.name(), model.backend());
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }));
    }

    void ps(RoutingContext ctx) {
        json(ctx, Buffer.buffer("{\"models\":[]}"));
    }

    void show(RoutingContext ctx) {
        String asked = null;
        String name;
        Backend backend;
        try {
            JsonNode body = JsonBodies.parse(ctx.body().buffer());
            // Older clients send "name" (Ollama still accepts it); current ones send "model".
            JsonNode field = body.hasNonNull("model") ? body.get("model") : body.get("name");
            if (field == null || !field.isTextual() || field.asText().isBlank()) {
                throw new GatewayException(GatewayError.invalid("model", "'model' is required"));
            }
            asked = field.asText();
            name = OllamaChatHandler.resolve(context.directory(), asked);
            List<Route> routes = context.directory().plan(name).routes();
            backend = routes.isEmpty() ? null : routes.getFirst().backend();
        } catch (GatewayException refused) {
            context.metrics().refused("ollama", refused.error().httpStatus());
            GatewayError error = refused.error();
            OllamaErrorWriter.INSTANCE.write(ctx.response(), error.kind() == ErrorKind.NOT_FOUND
                    ? GatewayError.of(ErrorKind.NOT_FOUND, OllamaErrorWriter.notFound(asked)) : error);
            return;
        }
        json(ctx, Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("modelfile", "# " + name + " is served by Hearth"
                    + (backend == null ? "" : " through backend " + backend.name() + " ("
                    + backend.protocol().name().toLowerCase(Locale.ROOT) + ", "
                    + backend.locality().name().toLowerCase(Locale.ROOT) + ")") + "\n");
            gen.writeStringField("parameters", "");
            gen.writeStringField("template", "");
            OllamaModelInfo.writeDetails(gen, name, backend);
            gen.writeObjectFieldStart("model_info");
            gen.writeStringField("general.architecture", OllamaModelInfo.family(name, backend));
            gen.writeStringField("general.basename", name);
            gen.writeEndObject();
            gen.writeArrayFieldStart("capabilities");
            for (String capability : OllamaModelInfo.capabilities(name, backend)) {
                gen.writeString(capability);
            }
            gen.writeEndArray();
            gen.writeStringField("modified_at", OllamaModelInfo.MODIFIED_AT);
            gen.writeEndObject();
        }));
    }

    private static void json(RoutingContext ctx, Buffer body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }
}
