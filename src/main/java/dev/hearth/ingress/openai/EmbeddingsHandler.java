package dev.hearth.ingress.openai;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

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
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** POST /v1/embeddings: tries the plan's routes in order until one answers ({@link EmbeddingRoutes}). */
final class EmbeddingsHandler {
    private static final int MAX_INPUTS = 2048;

    private final IngressContext context;
    private final EmbeddingRoutes routes;

    EmbeddingsHandler(IngressContext context) {
        this.context = context;
        this.routes = new EmbeddingRoutes(context);
    }

    void handle(RoutingContext ctx, String requestId) {
        EmbeddingRequest request;
        RoutePlan plan;
        try {
            request = decode(JsonBodies.parse(ctx.body().buffer()));
            ModelAccess.check(ctx, request.model());
            plan = context.directory().plan(request.model());
        } catch (GatewayException refused) {
            context.metrics().refused("openai", refused.error().httpStatus());
            OpenAiErrorWriter.INSTANCE.write(ctx.response(), refused.error());
            return;
        }
        HttpServerResponse response = ctx.response();
        routes.embed(RequestStamp.inbound(ctx).principal(), request, plan, response).onComplete(done -> {
            if (done.failed()) {
                OpenAiErrorWriter.INSTANCE.write(response, done.cause() instanceof GatewayException refused
                        ? refused.error() : GatewayError.of(ErrorKind.INTERNAL, "Embedding failed (request id "
                        + requestId + "); the gateway log has details."));
                return;
            }
            Route route = done.result().route();
            response.putHeader(HearthHeaders.BACKEND, route.backend().name())
                    .putHeader(HearthHeaders.MODEL, route.model())
                    .putHeader("Content-Type", "application/json")
                    .end(encode(done.result().response(), "base64".equals(request.encodingFormat())));
        });
    }

    static EmbeddingRequest decode(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String model = requiredString(body, "model", "model");
        JsonNode input = body.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (int i = 0; i < input.size(); i++) {
                if (!input.get(i).isTextual()) {
                    throw invalid("input[" + i + "]",
                            "'input[" + i + "]' must be a string (token-array input is not supported by Hearth)");
                }
                inputs.add(input.get(i).asText());
            }
        } else {
            throw invalid("input", "'input' must be a string or a non-empty array of strings");
        }
        if (inputs.size() > MAX_INPUTS) {
            throw invalid("input", "'input' may hold at most " + MAX_INPUTS + " items");
        }
        String format = optionalString(body, "encoding_format", "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw invalid("encoding_format", "'encoding_format' must be float or base64");
        }
        return new EmbeddingRequest(model, inputs, format, optionalInt(body, "dimensions", "dimensions", 1), Map.of());
    }

    private static Buffer encode(EmbeddingResponse result, boolean base64) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("object", "list");
            gen.writeArrayFieldStart("data");
            for (int i = 0; i < result.vectors().size(); i++) {
                float[] vector = result.vectors().get(i);
                gen.writeStartObject();
                gen.writeStringField("object", "embedding");
                gen.writeNumberField("index", i);
                if (base64) {
                    ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (float v : vector) {
                        bytes.putFloat(v);
                    }
                    gen.writeStringField("embedding", Base64.getEncoder().encodeToString(bytes.array()));
                } else {
                    gen.writeArrayFieldStart("embedding");
                    for (float v : vector) {
                        gen.writeNumber(v);
                    }
                    gen.writeEndArray();
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeStringField("model", result.model());
            gen.writeObjectFieldStart("usage");
            gen.writeNumberField("prompt_tokens", result.promptTokens());
            gen.writeNumberField("total_tokens", result.promptTokens());
            gen.writeEndObject();
            gen.writeEndObject();
        });
    }
}
