package dev.hearth.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Plays one successful chat answer onto a response, with one {@link Fault}. A streamed answer is
 * {@code application/x-ndjson}, each line (text chunk, tool calls, done line) one HTTP chunk; a {@code stream: false}
 * answer is one JSON object.
 *
 * <p>"Chunks" in a fault are the answer's content lines (text lines and the tool-call line), never the done line: a
 * fault after N chunks always strikes before the answer is complete, and a count larger than the content sends all of
 * it first. For {@code stream: false} the chunk faults take the closest meaning: close without an answer, garbage
 * instead of the object, an object without {@code done: true}, a 500 error object instead of the in-stream error.
 *
 * <p>A connection the client closes before the answer ended counts as a cancelled stream. Runs on the server's event
 * loop.
 */
final class FakeOllamaStream {
    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private boolean finished;
    private boolean clientGone;

    FakeOllamaStream(Vertx vertx, HttpServerRequest request, Runnable onCancelled) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        response.closeHandler(v -> {
            if (!finished) {
                finished = true;
                clientGone = true;
                onCancelled.run();
            }
        });
    }

    void stream(List<String> lines, String doneLine, Fault fault) {
        response.setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        switch (fault) {
            case Fault.StallBeforeFirstByte stall -> later(stall.stall().toMillis(), () -> {
                write(lines).compose(v -> writeLine(doneLine)).onSuccess(v -> end());
            });
            case Fault.CloseAfterChunks close -> write(first(lines, close.chunks())).onSuccess(v -> closeConnection());
            case Fault.StallAfterChunks stall -> write(first(lines, stall.chunks())).onSuccess(v ->
                    later(stall.stall().toMillis(), () -> write(rest(lines, stall.chunks()))
                            .compose(w -> writeLine(doneLine)).onSuccess(w -> end())));
            case Fault.GarbageAfterChunks garbage -> write(first(lines, garbage.chunks()))
                    .compose(v -> writeLine("<html><body>502 Bad Gateway</body></html>")).onSuccess(v -> end());
            case Fault.EndWithoutEndMarker none -> write(lines).onSuccess(v -> end());
            case Fault.ErrorEventAfterChunks error -> write(first(lines, error.chunks()))
                    .compose(v -> writeLine(FakeOllamaBodies.error(error.message()).toString()))
                    .onSuccess(v -> end());
            default -> write(lines).compose(v -> writeLine(doneLine)).onSuccess(v -> end());
        }
    }

    /** {@code stream: false}; {@code whole} is the complete answer object, {@code done} true. */
    void whole(String whole, Fault fault) {
        switch (fault) {
            case Fault.StallBeforeFirstByte stall -> later(stall.stall().toMillis(), () -> endJson(200, whole));
            case Fault.StallAfterChunks stall -> later(stall.stall().toMillis(), () -> endJson(200, whole));
            case Fault.CloseAfterChunks close -> closeConnection();
            case Fault.GarbageAfterChunks garbage -> endJson(200, "<html><body>502 Bad Gateway</body></html>");
            case Fault.EndWithoutEndMarker none -> endJson(200, whole.replace("\"done\":true", "\"done\":false"));
            case Fault.ErrorEventAfterChunks error -> endJson(500, FakeOllamaBodies.error(error.message()).toString());
            default -> endJson(200, whole);
        }
    }

    private Future<Void> write(List<String> lines) {
        Future<Void> written = Future.succeededFuture();
        for (String line : lines) {
            written = written.compose(v -> writeLine(line));
        }
        return written;
    }

    private Future<Void> writeLine(String line) {
        if (clientGone) {
            return Future.failedFuture("client gone");
        }
        return response.write(Buffer.buffer(line + "\n"));
    }

    private void later(long millis, Runnable task) {
        vertx.setTimer(Math.max(1, millis), id -> {
            if (!clientGone) {
                task.run();
            }
        });
    }

    private void end() {
        finished = true;
        response.end();
    }

    private void endJson(int status, String body) {
        finished = true;
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private void closeConnection() {
        finished = true;
        request.connection().close();
    }

    private static List<String> first(List<String> lines, int count) {
        return lines.subList(0, Math.min(count, lines.size()));
    }

    private static List<String> rest(List<String> lines, int count) {
        return lines.subList(Math.min(count, lines.size()), lines.size());
    }
}
