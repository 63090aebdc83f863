package dev.hearth.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays one chat answer of {@link FakeAnthropic} as a list of chunks (server-sent events, or the two halves of a
 * JSON body), applying one {@link Fault}. Notices a client that closes the connection before the end and counts it
 * as a cancelled stream. Confined to the fake's event loop.
 */
final class FakeAnthropicExchange {
    /** Bytes that are neither server-sent events Anthropic would send nor JSON. */
    static final String GARBAGE = "data: }{ this is not the protocol\n\n";

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final List<Buffer> chunks;
    private final boolean streamed;
    private boolean finished;
    private long timer = -1;

    private FakeAnthropicExchange(Vertx vertx, HttpServerRequest request, List<Buffer> chunks, boolean streamed,
            AtomicInteger cancelledStreams) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.chunks = chunks;
        this.streamed = streamed;
        response.exceptionHandler(err -> { }); // a client that left is reported by the close handler below
        response.closeHandler(v -> {
            if (!finished) {
                finished = true;
                cancelledStreams.incrementAndGet();
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            }
        });
    }

    static FakeAnthropicExchange streamed(Vertx vertx, HttpServerRequest request, List<Buffer> events,
            AtomicInteger cancelledStreams) {
        return new FakeAnthropicExchange(vertx, request, events, true, cancelledStreams);
    }

    static FakeAnthropicExchange whole(Vertx vertx, HttpServerRequest request, ObjectNode message,
            AtomicInteger cancelledStreams) {
        byte[] bytes = message.toString().getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        List<Buffer> halves = List.of(Buffer.buffer(Arrays.copyOfRange(bytes, 0, half)),
                Buffer.buffer(Arrays.copyOfRange(bytes, half, bytes.length)));
        return new FakeAnthropicExchange(vertx, request, halves, false, cancelledStreams);
    }

    void play(Fault fault) {
        switch (fault) {
            case Fault.None none -> {
                begin();
                write(0, chunks.size());
                end();
            }
            case Fault.Status status -> {
                finished = true;
                String type = status.code() != null ? status.code() : AnthropicAnswerWriter.errorType(status.status());
                FakeAnthropic.sendError(response, status.status(), type, status.message(), status.headers());
            }
            case Fault.CloseBeforeResponse close -> closeConnection();
            case Fault.CloseAfterChunks close -> {
                // Close only once the chunks are on the wire, so the client really sees them first.
                Future<Void> written = begin();
                written = write(0, close.chunks(), written);
                written.onComplete(v -> closeConnection());
            }
            case Fault.StallBeforeFirstByte stall -> after(stall.stall(), () -> play(Fault.NONE));
            case Fault.StallAfterChunks stall -> {
                begin();
                write(0, stall.chunks());
                after(stall.stall(), () -> {
                    write(stall.chunks(), chunks.size());
                    end();
                });
            }
            case Fault.GarbageAfterChunks garbage -> {
                begin();
                write(0, garbage.chunks());
                response.write(GARBAGE);
                end();
            }
            case Fault.EndWithoutEndMarker noEnd -> {
                begin();
                write(0, chunks.size() - 1); // message_stop, or the second half of the JSON body
                end();
            }
            case Fault.ErrorEventAfterChunks error -> {
                if (!streamed) {
                    finished = true;
                    FakeAnthropic.sendError(response, 529, "overloaded_error", error.message(), Map.of());
                    return;
                }
                begin();
                write(0, error.chunks());
                response.write(AnthropicAnswerWriter.event(
                        AnthropicAnswerWriter.error("overloaded_error", error.message())));
                end();
            }
        }
    }

    /** Sends the status line and headers at once, as the API does before the first event. */
    private Future<Void> begin() {
        response.setChunked(true)
                .putHeader("content-type", streamed ? "text/event-stream; charset=utf-8" : "application/json")
                .putHeader("cache-control", "no-cache")
                .putHeader("request-id", "req_fake");
        return response.writeHead();
    }

    private void write(int from, int to) {
        write(from, to, Future.succeededFuture());
    }

    private Future<Void> write(int from, int to, Future<Void> previous) {
        Future<Void> last = previous;
        for (int i = from; i < Math.min(to, chunks.size()) && !finished; i++) {
            last = response.write(chunks.get(i));
        }
        return last;
    }

    private void end() {
        if (!finished) {
            finished = true;
            response.end();
        }
    }

    private void closeConnection() {
        if (!finished) {
            finished = true;
            request.connection().close();
        }
    }

    private void after(Duration delay, Runnable action) {
        timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            timer = -1;
            if (!finished) {
                action.run();
            }
        });
    }
}
