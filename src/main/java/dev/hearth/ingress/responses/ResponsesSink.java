package dev.hearth.ingress.responses;

import dev.hearth.dispatch.Served;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.openai.OpenAiErrorWriter;
import dev.hearth.json.Json;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes an answer in the OpenAI Responses API's format: streamed as typed SSE events ({@link ResponseEvents}) or as
 * one {@code response} object. Refusals before anything was sent use OpenAI's error body and status; a failure after
 * a stream began ends it with {@code error} and {@code response.failed} events. Upstream wire frames are ignored:
 * no backend speaks this format, so there is nothing to relay. Called on the request's event loop only.
 */
final class ResponsesSink extends HttpClientSink {
    private final String requestId;
    private final ResponsesRequest.Echo echo;
    private final boolean stream;
    private final long createdAt = System.currentTimeMillis() / 1000;
    private ResponseBody body;
    private ResponseEvents events;
    private ResponseOutput output;

    ResponsesSink(HttpServerResponse response, String requestId, ResponsesRequest.Echo echo, boolean stream) {
        super(response, OpenAiErrorWriter.INSTANCE);
        this.requestId = requestId;
        this.echo = echo;
        this.stream = stream;
    }

    @Override
    protected void onBegin(Served served) {
        body = new ResponseBody("resp_" + requestId, createdAt, served.route().model(), echo);
        if (!stream) {
            output = new ResponseOutput(requestId, ResponseOutput.SILENT);
            return;
        }
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        events = new ResponseEvents(this::write, body);
        output = new ResponseOutput(requestId, events);
        events.started();
    }

    @Override
    public void event(StreamEvent event) {
        output.add(event);
    }

    @Override
    public void complete(Usage usage) {
        output.close();
        String incomplete = output.incompleteReason();
        if (stream) {
            events.finished(output.items(), usage, incomplete);
            response.end();
            return;
        }
        String status = incomplete == null ? ResponseBody.COMPLETED : ResponseBody.INCOMPLETE;
        response.putHeader("Content-Type", "application/json")
                .end(Json.write(gen -> body.write(gen, status, output.items(), usage, null, incomplete)));
    }

    @Override
    protected void failInBand(GatewayError error) {
        if (!stream) {
            // A non-streaming answer commits at completion, so nothing was written yet: an ordinary error response.
            OpenAiErrorWriter.INSTANCE.write(response, error);
            return;
        }
        events.failed(output.items(), error);
        response.end();
    }
}
