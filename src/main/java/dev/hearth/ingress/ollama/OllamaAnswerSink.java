package dev.hearth.ingress.ollama;

import dev.hearth.dispatch.Served;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.ToolCall;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an answer in Ollama's format ({@link OllamaLines}): newline-delimited JSON ({@code application/x-ndjson})
 * when streaming, one line per text or thinking piece, a line with complete {@code tool_calls}, then the {@code done}
 * line; one JSON object for {@code stream: false}. The {@code model} field names the model that actually answered.
 *
 * <p>Tool calls: other backends stream a call in pieces, Ollama's clients expect it whole with its arguments as an
 * object, so pieces are held until the call is complete (the next call starts, text follows, or the choice
 * finishes) and each batch of complete calls is one line.
 *
 * <p>Counts and durations: {@code prompt_eval_count} and {@code eval_count} are the backend's usage (Hearth's
 * estimate when the backend gave none). Durations are measured here, in nanoseconds: {@code total_duration} from
 * the request's arrival; {@code prompt_eval_duration} from the upstream call to the first content, and
 * {@code eval_duration} from there to the end. With {@code stream: false} Hearth commits only at completion and
 * cannot see the first token, so the whole upstream time is {@code eval_duration} and {@code prompt_eval_duration}
 * is 0. {@code load_duration} is always 0: a model's load time on a backend is not visible through the backends'
 * common protocol (it is part of {@code prompt_eval_duration}).
 *
 * <p>Fast path: when the upstream is Ollama too, its lines arrive as {@link StreamEvent.WireFrame}s ahead of the
 * typed events; a streamed {@code /api/chat} answer then relays those bytes as they are (the done line held back
 * until the audit record is durable, like every answer's end) and ignores the typed events. A line with thinking the
 * client turned off ends the relay: from there on lines are written from the typed events, without the thinking.
 *
 * <p>Late failure: after the first line, an error ends the stream with a line {@code {"error": "..."}} and no
 * {@code done} line, which is what Ollama itself does. Calls happen on the request's event loop.
 */
final class OllamaAnswerSink extends HttpClientSink {
    private final OllamaLines.Shape shape;
    private final boolean stream;
    private final boolean showThinking;
    private final long receivedNanos;
    private final AnswerCollector collector = new AnswerCollector();
    private final Map<Integer, ToolCall> pendingCalls = new TreeMap<>();
    private String model;
    private long upstreamStartNanos;
    private long beganNanos;
    private FinishReason finish;
    private boolean relaying;
    private boolean relayClosed;
    private byte[] relayedDone;

    OllamaAnswerSink(HttpServerResponse response, HttpClientSink.ErrorWriter errors, OllamaLines.Shape shape,
            boolean stream, boolean showThinking, long receivedNanos) {
        super(response, errors);
        this.shape = shape;
        this.stream = stream;
        this.showThinking = showThinking;
        this.receivedNanos = receivedNanos;
    }

    @Override
    protected void onBegin(Served served) {
        model = served.route().model();
        beganNanos = System.nanoTime();
        upstreamStartNanos = Math.min(beganNanos, receivedNanos + served.overheadNanos());
        if (stream) {
            response.setChunked(true).putHeader("Content-Type", "application/x-ndjson")
                    .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (event instanceof StreamEvent.ReasoningDelta && !showThinking) {
            return;
        }
        if (!stream) {
            collector.add(event);
            return;
        }
        if (event instanceof StreamEvent.WireFrame frame) {
            relay(frame);
            return;
        }
        if (relaying) {
            return; // already in the relayed lines
        }
        switch (event) {
            case StreamEvent.TextDelta d when d.choice() == 0 -> {
                flushCalls();
                if (!d.text().isEmpty()) {
                    write(OllamaLines.piece(shape, model, d.text(), "", List.of()));
                }
            }
            case StreamEvent.ReasoningDelta d when d.choice() == 0 -> {
                flushCalls();
                if (!d.text().isEmpty()) {
                    write(OllamaLines.piece(shape, model, "", d.text(), List.of()));
                }
            }
            case StreamEvent.ToolCallDelta d when d.choice() == 0 -> toolCallPiece(d);
            case StreamEvent.Finish f when f.choice() == 0 -> {
                flushCalls();
                finish = f.reason();
            }
            default -> { } // other choices (Ollama has no n), usage (arrives with complete), foreign wire frames
        }
    }

    private void relay(StreamEvent.WireFrame frame) {
        if (relayClosed || shape != OllamaLines.Shape.CHAT
                || !frame.wire().equals(StreamEvent.WireFrame.OLLAMA_CHAT)) {
            return;
        }
        if (frame.reasoning() && !showThinking) {
            stopRelaying(); // this line's typed events follow and are written without the thinking
            return;
        }
        relaying = true;
        if (frame.usageOnly()) {
            relayedDone = frame.bytes(); // the answer's end: written once its audit record is durable
        } else {
            write(Buffer.buffer(frame.bytes()));
        }
    }

    @Override
    public void stopRelaying() {
        relaying = false;
        relayClosed = true;
        relayedDone = null;
    }

    private void toolCallPiece(StreamEvent.ToolCallDelta d) {
        if (!pendingCalls.isEmpty() && !pendingCalls.containsKey(d.index())) {
            flushCalls(); // a new call starts: the ones before it are complete
        }
        ToolCall so = pendingCalls.get(d.index());
        String arguments = d.argumentsDelta() == null ? "" : d.argumentsDelta();
        pendingCalls.put(d.index(), so == null ? new ToolCall(d.id(), d.name(), arguments)
                : new ToolCall(so.id() != null ? so.id() : d.id(), so.name() != null ? so.name() : d.name(),
                        so.arguments() + arguments));
    }

    private void flushCalls() {
        if (pendingCalls.isEmpty()) {
            return;
        }
        List<ToolCall> complete = new ArrayList<>(pendingCalls.values());
        pendingCalls.clear();
        if (shape == OllamaLines.Shape.CHAT) {
            write(OllamaLines.piece(shape, model, "", "", complete));
        }
    }

    @Override
    public void complete(Usage usage) {
        long now = System.nanoTime();
        if (stream && relaying && relayedDone != null) {
            response.end(Buffer.buffer(relayedDone));
            return;
        }
        if (stream) {
            flushCalls();
            response.end(OllamaLines.line(OllamaLines.done(shape, model, "", "", List.of(), doneReason(finish),
                    new OllamaLines.Stats(now - receivedNanos, 0, usage.promptTokens(),
                            Math.max(0, beganNanos - upstreamStartNanos), usage.completionTokens(), now - beganNanos))));
            return;
        }
        AnswerCollector.Choice choice = collector.choices().getFirst();
        List<ToolCall> calls = shape == OllamaLines.Shape.CHAT ? choice.toolCalls() : List.of();
        response.putHeader("Content-Type", "application/json; charset=utf-8").end(OllamaLines.done(shape, model,
                choice.text(), choice.reasoning(), calls, doneReason(choice.finishReason()),
                new OllamaLines.Stats(now - receivedNanos, 0, usage.promptTokens(), 0, usage.completionTokens(),
                        Math.max(0, now - upstreamStartNanos))));
    }

    @Override
    protected void failInBand(GatewayError error) {
        // Calls still held are incomplete: dropped rather than sent as if whole.
        pendingCalls.clear();
        response.end(OllamaLines.line(OllamaErrorWriter.body(error.message())));
    }

    /**
     * Ollama's vocabulary has "stop" and "length"; an answer that called tools ends with "stop", as Ollama's own do.
     * A content filter is reported as "content_filter" rather than disguised as a normal stop.
     */
    static String doneReason(FinishReason reason) {
        if (reason == null) {
            return "stop";
        }
        return switch (reason) {
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case STOP, TOOL_CALLS -> "stop";
        };
    }
}
