package dev.hearth.ingress.anthropic;

import dev.hearth.dispatch.Served;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.common.RateLimitHeaders;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.IntSupplier;

/**
 * Writes an answer in Anthropic's Messages format: the event stream of {@link MessageStream} when streaming, one
 * {@code message} object ({@link MessageBody}) otherwise. {@code model} names the model that actually answered; the
 * {@code request-id} header mirrors {@code x-request-id}, as Anthropic's SDKs read it.
 *
 * <p>Errors before {@link #begin} are Anthropic error responses ({@link AnthropicErrorWriter}); after it, the stream
 * ends with an {@code event: error} carrying the same body and no {@code message_stop}, which the SDKs raise as an
 * error instead of taking a truncated answer for a complete one. Upstream wire frames of other dialects are ignored.
 * Calls arrive on the request's event loop, as {@link dev.hearth.dispatch.ClientSink} says.
 */
public final class MessagesSink extends HttpClientSink {
    private final String requestId;
    private final boolean stream;
    private final boolean thinking;
    private final IntSupplier promptEstimate;
    private final String id;
    private final AnswerCollector collector = new AnswerCollector();
    private MessageStream events;
    private String model;

    /**
     * @param promptEstimate the prompt's token estimate if it is ready when the stream starts, else 0; read once,
     *                       only when streaming
     */
    public MessagesSink(HttpServerResponse response, String requestId, boolean stream, boolean thinking,
            IntSupplier promptEstimate) {
        super(response, AnthropicErrorWriter.INSTANCE);
        this.requestId = requestId;
        this.stream = stream;
        this.thinking = thinking;
        this.promptEstimate = promptEstimate;
        this.id = "msg_" + requestId;
    }

    @Override
    protected RateLimitHeaders rateLimitHeaders() {
        return RateLimitHeaders.ANTHROPIC;
    }

    @Override
    protected void onBegin(Served served) {
        model = served.route().model();
        response.putHeader(AnthropicErrorWriter.REQUEST_ID, requestId);
        if (stream) {
            response.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            events = new MessageStream(this::write, thinking, requestId);
            events.start(id, model, promptEstimate.getAsInt());
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (!stream) {
            collector.add(event);
            return;
        }
        if (response.ended() || events.event(event)) {
            return;
        }
        failInBand(new GatewayError(ErrorKind.UPSTREAM_ERROR, "The backend interleaved the pieces of several tool"
                + " calls, which Anthropic's stream format cannot carry; the answer is incomplete.",
                "stream_interrupted", null, null));
    }

    @Override
    public void complete(Usage usage) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (!stream) {
            response.putHeader("Content-Type", "application/json")
                    .end(MessageBody.write(id, model, collector.choices().getFirst(), usage, thinking, requestId));
            return;
        }
        events.end(usage);
        response.end();
    }

    @Override
    protected void failInBand(GatewayError error) {
        if (!response.ended() && !response.closed()) {
            response.end(MessageStream.error(AnthropicErrors.body(error, requestId)));
        }
    }
}
