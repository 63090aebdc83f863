package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalString;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.EmbeddingRoutes;
import dev.hearth.ingress.common.HearthHeaders;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.ModelAccess;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.json.Json;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import dev.hearth.routing.RoutePlan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code POST /api/embed} ({@code input}: a string or an array of strings; answers
 * {@code {"model", "embeddings": [[...]], "total_duration", "load_duration", "prompt_eval_count"}}) and the older
 * {@code POST /api/embeddings} ({@code prompt}: one string; answers {@code {"embedding": [...]}}), routed like
 * {@code /v1/embeddings} ({@link EmbeddingRoutes}). {@code truncate} and {@code keep_alive} travel as request extras,
 * which only an Ollama backend reads (the in-process model always truncates at its window); {@code options} are
 * ignored (they tune generation, not embedding); {@code dimensions} is passed on. {@code total_duration} is measured
 * from the request's arrival; {@code load_duration} is 0, as for chat.
 */
final class OllamaEmbedHandler {
    private static final int MAX_INPUTS = 2048;

    private final IngressContext context;
    private final EmbeddingRoutes routes;

    OllamaEmbedHandler(IngressContext context) {
        this.context = context;
        this.routes = new EmbeddingRoutes(context);
    }

    void embed(RoutingContext ctx) {
        handle(ctx, OllamaEmbedHandler::decodeEmbed, (answer, took) -> Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model", answer.model());
            gen.writeArrayFieldStart("embeddings");
            for (float[] vector : answer.vectors()) {
                writeVector(gen, vector);
            }
            gen.writeEndArray();
            gen.writeNumberField("total_duration", took);
            gen.writeNumberField("load_duration", 0);
            gen.writeNumberField("prompt_eval_count", answer.promptTokens());
            gen.writeEndObject();
        }));
    }

    void embeddings(RoutingContext ctx) {
        handle(ctx, OllamaEmbedHandler::decodeLegacy, (answer, took) -> Json.write(gen -> {
            gen.writeStartObject();
            gen.writeFieldName("embedding");
            writeVector(gen, answer.vectors().getFirst());
            gen.writeEndObject();
        }));
    }

    private void handle(RoutingContext ctx, Function<JsonNode, EmbeddingRequest> decoder,
            BiFunction<EmbeddingResponse, Long, Buffer> encoder) {
        EmbeddingRequest request;
        try {
            request = decoder.apply(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            refuse(ctx, invalid.error());
            return;
        }
        RoutePlan plan;
        try {
            ModelAccess.check(ctx, request.model());
            plan = context.directory().plan(OllamaChatHandler.resolve(context.directory(), request.model()));
        } catch (GatewayException refused) {
            refuse(ctx, refused.error().kind() == ErrorKind.NOT_FOUND
                    ? GatewayError.of(ErrorKind.NOT_FOUND, OllamaErrorWriter.notFound(request.model()))
                    : refused.error());
            return;
        }
        HttpServerResponse response = ctx.response();
        long received = RequestStamp.receivedNanos(ctx);
        routes.embed(RequestStamp.inbound(ctx).principal(), request, plan, response).onComplete(done -> {
            if (done.failed()) {
                OllamaErrorWriter.INSTANCE.write(response, done.cause() instanceof GatewayException refused
                        ? refused.error() : GatewayError.of(ErrorKind.INTERNAL, "Embedding failed (request id "
                        + RequestStamp.id(ctx) + "); the gateway log has details."));
                return;
            }
            response.putHeader(HearthHeaders.BACKEND, done.result().route().backend().name())
                    .putHeader(HearthHeaders.MODEL, done.result().route().model())
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(encoder.apply(done.result().response(), System.nanoTime() - received));
        });
    }

    static EmbeddingRequest decodeEmbed(JsonNode body) {
        String model = model(body);
        JsonNode input = body.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (int i = 0; i < input.size(); i++) {
                if (!input.get(i).isTextual()) {
                    throw invalid("input[" + i + "]", "'input[" + i + "]' must be a string");
                }
                inputs.add(input.get(i).asText());
            }
        } else {
            throw invalid("input", "'input' must be a string or a non-empty array of strings");
        }
        if (inputs.size() > MAX_INPUTS) {
            throw invalid("input", "'input' may hold at most " + MAX_INPUTS + " items");
        }
        Map<String, Object> extra = new HashMap<>();
        if (body.hasNonNull("truncate")) {
            extra.put("truncate", optionalBoolean(body, "truncate", "truncate", true));
        }
        if (body.hasNonNull("keep_alive")) {
            OllamaFields.unload(body); // validates the type
            extra.put("keep_alive", Json.toPlain(body.get("keep_alive")));
        }
        return new EmbeddingRequest(model, inputs, null, optionalInt(body, "dimensions", "dimensions", 1), extra);
    }

    static EmbeddingRequest decodeLegacy(JsonNode body) {
        String model = model(body);
        String prompt = optionalString(body, "prompt", "prompt");
        if (prompt == null) {
            throw invalid("prompt", "'prompt' is required");
        }
        return new EmbeddingRequest(model, List.of(prompt), null, null, Map.of());
    }

    private static String model(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        return OllamaChatDecoder.model(body);
    }

    private void refuse(RoutingContext ctx, GatewayError error) {
        context.metrics().refused("ollama", error.httpStatus());
        OllamaErrorWriter.INSTANCE.write(ctx.response(), error);
    }

    private static void writeVector(JsonGenerator gen, float[] vector) throws IOException {
        gen.writeStartArray();
        for (float value : vector) {
            gen.writeNumber(value);
        }
        gen.writeEndArray();
    }
}
