package dev.hearth.ingress.responses;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.Dialect;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.ingress.openai.OpenAiErrorWriter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The OpenAI Responses dialect: {@code POST /v1/responses}, served statelessly through the chat pipeline, so any
 * backend (OpenAI-compatible, Ollama, Anthropic) can answer it. Errors use OpenAI's error shape, as the Responses
 * API does. The routes that need stored responses (retrieve, delete, cancel, input items) answer 404 saying that
 * Hearth stores none.
 */
public final class ResponsesApi implements Dialect {
    private static final String NAME = "responses";
    private static final String PATH = "/v1/responses";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PATH);
    }

    @Override
    public List<String> paths() {
        return List.of(PATH);
    }

    @Override
    public HttpClientSink.ErrorWriter errors() {
        return OpenAiErrorWriter.INSTANCE;
    }

    @Override
    public void mount(Router router, IngressContext context) {
        router.post(PATH).handler(ctx -> create(ctx, context));
        router.routeWithRegex(PATH + "/.+").handler(ctx -> refuse(ctx, context, GatewayError.of(ErrorKind.NOT_FOUND,
                "Hearth does not store responses, so " + ctx.request().method() + " " + ctx.request().path()
                        + " has nothing to find: it serves only POST " + PATH + ", statelessly.")
                .withCode("response_not_stored")));
    }

    private static void create(RoutingContext ctx, IngressContext context) {
        String requestId = RequestStamp.id(ctx);
        ResponsesRequest request;
        try {
            request = ResponsesDecoder.decode(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            refuse(ctx, context, invalid.error());
            return;
        }
        var sink = new ResponsesSink(ctx.response(), requestId, request.echo(), request.chat().stream());
        context.pipeline().handle(RequestStamp.inbound(ctx), request.chat(), sink, context.dispatcher());
    }

    private static void refuse(RoutingContext ctx, IngressContext context, GatewayError error) {
        context.metrics().refused(NAME, error.httpStatus());
        OpenAiErrorWriter.INSTANCE.write(ctx.response(), error);
    }
}
