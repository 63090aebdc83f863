package dev.hearth.ingress.anthropic;

import dev.hearth.dispatch.Served;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.common.RateLimitHeaders;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
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
 *
 * <p>Fast path: when the committed attempt streams from an Anthropic backend, its events arrive as
 * {@link StreamEvent.WireFrame}s ahead of the typed events; the sink then relays those bytes as they are (usage is
 * still read from the typed events by dispatch) instead of re-encoding. If a continuation takes over
 * ({@link #stopRelaying}), the relayed block is closed and the rest is encoded after it.
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
    private boolean started;
    private boolean relayClosed;
    private final RelayedMessage relayed = new RelayedMessage();

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
            // message_start waits for the first event: relayed from an Anthropic backend, or written here
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (!stream) {
            collector.add(event);
            return;
        }
        if (response.ended()) {
            return;
        }
        if (event instanceof StreamEvent.WireFrame frame) {
            if (!relayClosed && frame.wire().equals(StreamEvent.WireFrame.ANTHROPIC_MESSAGES)
                    && (!started || relayed.active())) {
                started = true;
                relayed.saw(frame.bytes());
                write(Buffer.buffer(frame.bytes()));
            }
            return;
        }
        if (relayed.active()) {
            return; // already in the relayed bytes
        }
        startOnce();
        if (events.event(event)) {
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
        if (relayed.active()) {
            // A backend body that ended after its stop reason but before message_stop is still a whole answer.
            response.end(relayed.stopped() ? Buffer.buffer() : MessageStream.stop());
            return;
        }
        startOnce();
        events.end(usage);
        response.end();
    }

    @Override
    public void stopRelaying() {
        relayClosed = true;
        if (relayed.active()) {
            events.resumeAfter(relayed.nextIndex(), relayed.openIndex());
            relayed.end();
        }
    }

    private void startOnce() {
        if (!started) {
            started = true;
            events.start(id, model, promptEstimate.getAsInt());
        }
    }

    @Override
    protected void failInBand(GatewayError error) {
        if (!response.ended() && !response.closed()) {
            response.end(MessageStream.error(AnthropicErrors.body(error, requestId)));
        }
    }
}
