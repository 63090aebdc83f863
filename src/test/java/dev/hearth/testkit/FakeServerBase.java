package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared mechanics of the fake upstreams: a real server on 127.0.0.1:0 with its own Vert.x, request recording,
 * the answer script, cancellation counting and timed chunk writing. Protocols implement {@link #handle}.
 */
public abstract class FakeServerBase implements FakeUpstream {
    protected final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final String basePath;

    protected record Scripted(Answer answer, Fault fault) {}

    protected FakeServerBase(String basePath) {
        this.basePath = basePath;
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonNode json = null;
            try {
                json = body.length() == 0 ? null : Json.read(body.getBytes());
            } catch (java.io.IOException notJson) {
                // recorded with a null body
            }
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            if (records(request.path())) {
                requests.add(new RecordedRequest(request.method().name(), request.path(), headers, json));
            }
            handle(request, json);
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream could not start", e);
        }
    }

    /**
     * Whether requests to {@code path} appear in {@link #requests()}; false for a gateway's background status polls,
     * which carry no request content and would otherwise race with tests that count the requests they caused.
     */
    protected boolean records(String path) {
        return true;
    }

    /** Answers one request; the body was already read and parsed (null when absent or not JSON). */
    protected abstract void handle(HttpServerRequest request, JsonNode body);

    /** The next scripted answer, or the default one without a fault. */
    protected synchronized Scripted next() {
        Scripted scripted = script.poll();
        return scripted != null ? scripted : new Scripted(defaultAnswer(), Fault.NONE);
    }

    @Override
    public synchronized FakeUpstream enqueue(Answer answer, Fault fault) {
        script.add(new Scripted(answer, fault));
        return this;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + basePath);
    }

    @Override
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests to paths ending with {@code suffix}. */
    public List<RecordedRequest> requestsTo(String suffix) {
        return requests().stream().filter(r -> r.path().endsWith(suffix)).toList();
    }

    @Override
    public int cancelledStreams() {
        return cancelled.get();
    }

    @Override
    public Answer defaultAnswer() {
        return Answer.text("Hello", " from", " the", " fake");
    }

    /**
     * Streams {@code frames} one at a time (a timer between them so they arrive as separate chunks), applying the
     * stream-level faults; {@code endMarker} is the protocol's final frame (omitted by {@link Fault.EndWithoutEndMarker}).
     */
    protected void stream(HttpServerResponse response, List<Buffer> frames, Buffer endMarker, Fault fault,
            Buffer garbage, java.util.function.Function<String, Buffer> errorFrame) {
        response.closeHandler(v -> {
            if (!response.ended()) {
                cancelled.incrementAndGet();
            }
        });
        long delay = fault instanceof Fault.StallBeforeFirstByte stall ? stall.stall().toMillis() : 0;
        vertx.setTimer(Math.max(1, delay), id -> writeFrom(response, frames, 0, endMarker, fault, garbage, errorFrame));
    }

    private void writeFrom(HttpServerResponse response, List<Buffer> frames, int index, Buffer endMarker, Fault fault,
            Buffer garbage, java.util.function.Function<String, Buffer> errorFrame) {
        if (response.closed()) {
            return;
        }
        switch (fault) {
            case Fault.CloseAfterChunks f when f.chunks() == index -> {
                response.reset();
                return;
            }
            case Fault.StallAfterChunks f when f.chunks() == index -> {
                vertx.setTimer(f.stall().toMillis(), id -> writeFrom(response, frames, index, endMarker, Fault.NONE,
                        garbage, errorFrame));
                return;
            }
            case Fault.GarbageAfterChunks f when f.chunks() == index -> {
                response.end(garbage);
                return;
            }
            case Fault.ErrorEventAfterChunks f when f.chunks() == index -> {
                response.end(errorFrame.apply(f.message()));
                return;
            }
            default -> { }
        }
        if (index == frames.size()) {
            if (fault instanceof Fault.EndWithoutEndMarker) {
                response.end();
            } else {
                response.end(endMarker);
            }
            return;
        }
        response.write(frames.get(index));
        vertx.setTimer(1, id -> writeFrom(response, frames, index + 1, endMarker, fault, garbage, errorFrame));
    }

    /** Applies the faults that happen before any answer; true when the request was fully handled. */
    protected boolean preResponseFault(HttpServerRequest request, Fault fault,
            java.util.function.BiConsumer<HttpServerResponse, Fault.Status> errorWriter) {
        switch (fault) {
            case Fault.CloseBeforeResponse f -> {
                request.connection().close();
                return true;
            }
            case Fault.Status status -> {
                HttpServerResponse response = request.response().setStatusCode(status.status());
                status.headers().forEach(response::putHeader);
                errorWriter.accept(response, status);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
