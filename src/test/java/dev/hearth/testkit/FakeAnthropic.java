package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Anthropic Messages API on 127.0.0.1 and a free port: {@code POST /v1/messages} (streamed when the body says
 * {@code "stream": true}, one JSON message otherwise) and {@code GET /v1/models}. Like the real API it answers 401 in
 * Anthropic's error shape without {@code x-api-key}, 400 without {@code anthropic-version} or without
 * {@code model}, {@code max_tokens} or {@code messages}. Wire format from {@link AnthropicAnswerWriter}.
 *
 * <p>Faults count "chunks" as server-sent events when streaming (the {@code ping} included) and as the two halves of
 * the JSON body otherwise; a non-streamed {@link Fault.ErrorEventAfterChunks} answers 529 overloaded, as the API
 * reports errors outside a stream by status. {@link Fault.StallAfterChunks} carries on after the stall if the client
 * is still there. A stream counts as cancelled when the client closes the connection before its end.
 *
 * <p>Thread-safe: the server runs on its own Vert.x event loop, tests read from theirs. {@link #close()} stops the
 * server, and the Vert.x instance too when the fake created it.
 */
public final class FakeAnthropic implements FakeUpstream {
    public static final List<String> DEFAULT_MODELS = List.of("claude-sonnet-4-5", "claude-haiku-4-5");

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Answer defaultAnswer = Answer.text("Hello", " from", " fake Anthropic");
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelledStreams = new AtomicInteger();
    private final AtomicInteger messageIds = new AtomicInteger();
    private volatile List<String> models = DEFAULT_MODELS;
    private HttpServer server;

    private record Scripted(Answer answer, Fault fault) {}

    private FakeAnthropic(Vertx vertx, boolean ownsVertx) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
    }

    /** Starts on a Vert.x instance of its own, closed with the fake. */
    public static FakeAnthropic start() {
        return start(Vertx.vertx(), true);
    }

    /** Starts on the caller's Vert.x instance, which the caller closes. */
    public static FakeAnthropic start(Vertx vertx) {
        return start(vertx, false);
    }

    private static FakeAnthropic start(Vertx vertx, boolean owned) {
        FakeAnthropic fake = new FakeAnthropic(vertx, owned);
        try {
            fake.server = vertx.createHttpServer().requestHandler(fake::onRequest).listen(0, "127.0.0.1")
                    .await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            fake.close();
            throw new IllegalStateException("fake Anthropic did not start", e);
        }
        return fake;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public FakeAnthropic enqueue(Answer answer, Fault fault) {
        script.add(new Scripted(answer, fault));
        return this;
    }

    /** The model ids {@code GET /v1/models} lists from now on. */
    public FakeAnthropic models(List<String> ids) {
        models = List.copyOf(ids);
        return this;
    }

    @Override
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public int cancelledStreams() {
        return cancelledStreams.get();
    }

    @Override
    public Answer defaultAnswer() {
        return defaultAnswer;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().await(10, TimeUnit.SECONDS);
            }
            if (ownsVertx) {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("fake Anthropic did not stop", e);
        }
    }

    private void onRequest(HttpServerRequest req) {
        req.body().onSuccess(bytes -> {
            JsonNode body = parse(bytes);
            Map<String, String> headers = new LinkedHashMap<>();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            requests.add(new RecordedRequest(req.method().name(), req.path(), headers, body));
            HttpServerResponse resp = req.response();
            if (!headers.containsKey("x-api-key")) {
                sendError(resp, 401, "authentication_error", "x-api-key header is required", Map.of());
            } else if (!headers.containsKey("anthropic-version")) {
                sendError(resp, 400, "invalid_request_error", "anthropic-version: header is required", Map.of());
            } else if (req.path().equals("/v1/messages") && req.method().name().equals("POST")) {
                onMessages(req, body);
            } else if (req.path().equals("/v1/models") && req.method().name().equals("GET")) {
                sendModels(resp);
            } else {
                sendError(resp, 404, "not_found_error", "Not found", Map.of());
            }
        });
    }

    private void onMessages(HttpServerRequest req, JsonNode body) {
        String invalid = body == null || !body.isObject() ? "request body must be a JSON object"
                : !body.path("model").isTextual() ? "model: Field required"
                : !body.path("max_tokens").isInt() ? "max_tokens: Field required"
                : !body.path("messages").isArray() ? "messages: Field required"
                : null;
        if (invalid != null) {
            sendError(req.response(), 400, "invalid_request_error", invalid, Map.of());
            return;
        }
        Scripted next = script.poll();
        Answer answer = next == null ? defaultAnswer : next.answer();
        Fault fault = next == null ? Fault.NONE : next.fault();
        String id = "msg_fake_" + messageIds.incrementAndGet();
        String model = body.path("model").asText();
        FakeAnthropicExchange exchange = body.path("stream").asBoolean(false)
                ? FakeAnthropicExchange.streamed(vertx, req, AnthropicAnswerWriter.streamEvents(answer, model, id),
                        cancelledStreams)
                : FakeAnthropicExchange.whole(vertx, req, AnthropicAnswerWriter.message(answer, model, id),
                        cancelledStreams);
        exchange.play(fault);
    }

    private void sendModels(HttpServerResponse resp) {
        var root = Json.object();
        var data = root.putArray("data");
        for (String id : models) {
            data.addObject().put("type", "model").put("id", id).put("display_name", id)
                    .put("created_at", "2025-01-01T00:00:00Z");
        }
        root.put("has_more", false);
        root.put("first_id", models.isEmpty() ? null : models.get(0));
        root.put("last_id", models.isEmpty() ? null : models.get(models.size() - 1));
        resp.putHeader("content-type", "application/json").end(root.toString());
    }

    static void sendError(HttpServerResponse resp, int status, String type, String message,
            Map<String, String> headers) {
        resp.setStatusCode(status).putHeader("content-type", "application/json");
        headers.forEach(resp::putHeader);
        resp.end(AnthropicAnswerWriter.error(type, message).toString());
    }

    private static JsonNode parse(Buffer bytes) {
        if (bytes.length() == 0) {
            return null;
        }
        try {
            return Json.read(bytes.getBytes());
        } catch (IOException notJson) {
            return null;
        }
    }
}
