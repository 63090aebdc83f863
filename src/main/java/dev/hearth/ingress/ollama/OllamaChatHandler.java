package dev.hearth.ingress.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.model.ChatRequest;
import dev.hearth.routing.ModelDirectory;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * {@code POST /api/chat} and {@code POST /api/generate}, both through the chat pipeline. A load or unload call (no
 * messages, no prompt) is answered at once with {@code done_reason} "load" or "unload" and never reaches a backend:
 * Hearth does not hold models in memory, and a backend loads on first use anyway. The model must still exist (404
 * otherwise, as Ollama answers).
 *
 * <p>Model names follow Ollama's convention: a name without a tag that Hearth does not serve is tried again with
 * {@code :latest}, so {@code llama3.2} reaches a backend that lists {@code llama3.2:latest}.
 */
final class OllamaChatHandler {
    private final IngressContext context;

    OllamaChatHandler(IngressContext context) {
        this.context = context;
    }

    void chat(RoutingContext ctx) {
        handle(ctx, OllamaLines.Shape.CHAT, OllamaChatDecoder::decode);
    }

    void generate(RoutingContext ctx) {
        handle(ctx, OllamaLines.Shape.GENERATE, OllamaGenerateDecoder::decode);
    }

    private void handle(RoutingContext ctx, OllamaLines.Shape shape, Function<JsonNode, OllamaCall> decoder) {
        OllamaCall call;
        try {
            call = decoder.apply(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            context.metrics().refused("ollama", invalid.error().httpStatus());
            OllamaErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
            return;
        }
        String asked = call.request().model();
        ChatRequest request = call.request().withModel(resolve(context.directory(), asked));
        if (call.isLoadCall()) {
            load(ctx, shape, call, request.model());
            return;
        }
        var sink = new OllamaAnswerSink(ctx.response(), OllamaErrorWriter.forModel(asked), shape, request.stream(),
                call.showThinking(), RequestStamp.receivedNanos(ctx));
        context.pipeline().handle(RequestStamp.inbound(ctx), request, sink, context.dispatcher());
    }

    private void load(RoutingContext ctx, OllamaLines.Shape shape, OllamaCall call, String model) {
        try {
            context.directory().plan(model);
        } catch (GatewayException refused) {
            context.metrics().refused("ollama", refused.error().httpStatus());
            OllamaErrorWriter.forModel(call.request().model()).write(ctx.response(), refused.error());
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(OllamaLines.loaded(shape, model, call.unload() ? "unload" : "load"));
    }

    /** {@code name}, or {@code name:latest} when only that is served (Ollama's default tag). */
    static String resolve(ModelDirectory directory, String name) {
        if (name.contains(":") || served(directory, name)) {
            return name;
        }
        String tagged = name + ":latest";
        return served(directory, tagged) ? tagged : name;
    }

    private static boolean served(ModelDirectory directory, String name) {
        try {
            return !directory.plan(name).routes().isEmpty() || directory.aliases().containsKey(name);
        } catch (GatewayException refused) {
            if (refused.error().kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            throw refused;
        }
    }
}
