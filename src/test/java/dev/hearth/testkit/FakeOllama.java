package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.function.Consumer;

/**
 * A fake Ollama server speaking the native API as documented: {@code POST /api/chat} and {@code /api/generate}
 * (NDJSON stream by default, one object for {@code stream: false}), {@code POST /api/embed}, {@code GET /api/tags},
 * {@code GET /api/ps}, {@code POST /api/show} and {@code GET /api/version}; errors as {@code {"error": "..."}}.
 *
 * <p>Like Ollama, it knows a set of installed models (by default {@link #DEFAULT_MODELS}; a name without a tag means
 * {@code :latest}) and answers 404 {@code model "x" not found, try pulling it first} for others. A model counts as
 * loaded ({@code /api/ps}) once a request used it, until a request with {@code keep_alive: 0}. A chat or generate
 * request with no messages (no prompt) loads or unloads the model and answers with done_reason "load"/"unload".
 *
 * <p>Scripted answers and their {@link Fault}s are consumed by chat and generate requests, in order; a
 * {@link Fault.Status} or {@link Fault.CloseBeforeResponse} strikes before the model is even looked up. See
 * {@link FakeOllamaStream} for what the other faults do.
 *
 * <p>Threading: construct and close off any event loop (both wait for the server); every other method is
 * thread-safe. Requests are served on one event loop of its own {@link Vertx}, or of the one given.
 */
public final class FakeOllama implements FakeUpstream {
    public static final List<String> DEFAULT_MODELS =
            List.of("llama3.2:latest", "qwen3:8b", "nomic-embed-text:latest");

    private record Script(Answer answer, Fault fault) {}

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final Queue<Script> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final FakeOllamaModels models = new FakeOllamaModels(DEFAULT_MODELS);
    private final Answer defaultAnswer = Answer.text("Hello", " from", " Ollama");

    /** Starts on 127.0.0.1 and a free port, with a Vert.x instance of its own. */
    public FakeOllama() {
        this(Vertx.vertx(), true);
    }

    /** Starts on 127.0.0.1 and a free port, served by {@code vertx}, which {@link #close()} leaves running. */
    public FakeOllama(Vertx vertx) {
        this(vertx, false);
    }

    private FakeOllama(Vertx vertx, boolean ownsVertx) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.server = await(vertx.createHttpServer().requestHandler(this::receive).listen(0, "127.0.0.1"));
    }

    /** Replaces the installed models. */
    public FakeOllama models(String... names) {
        models.install(List.of(names));
        return this;
    }

    /** Marks models as loaded in memory, as if used recently. */
    public FakeOllama load(String... names) {
        models.load(List.of(names));
        return this;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public FakeOllama enqueue(Answer answer, Fault fault) {
        script.add(new Script(answer, fault));
        return this;
    }

    @Override
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests received on {@code path}, oldest first. */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public int cancelledStreams() {
        return cancelled.get();
    }

    /** The exact NDJSON body this fake streams for {@code answer} from {@code /api/chat}: every line, LF-ended. */
    public static String streamedChatBody(String model, Answer answer) {
        StringBuilder body = new StringBuilder();
        FakeOllamaBodies.chatLines(model, answer).forEach(line -> body.append(line).append('\n'));
        return body.append(FakeOllamaBodies.doneLine(model, answer, false)).append('\n').toString();
    }

    @Override
    public Answer defaultAnswer() {
        return defaultAnswer;
    }

    @Override
    public void close() {
        await(server.close());
        if (ownsVertx) {
            await(vertx.close());
        }
    }

    private void receive(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            JsonNode json = parse(body);
            Map<String, String> headers = new LinkedHashMap<>();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            if (!req.path().equals("/api/ps")) { // the gateway's loaded-model poll: not a request a test caused
                requests.add(new RecordedRequest(req.method().name(), req.path(), headers, json));
            }
            if (body.length() > 0 && json == null) {
                json(req, 400, FakeOllamaBodies.error("invalid character in request body"));
                return;
            }
            try {
                route(req, json == null ? Json.object() : json);
            } catch (RuntimeException bug) {
                // A broken script or fake must fail the test that hit it, not leave it waiting for an answer.
                json(req, 500, FakeOllamaBodies.error("fake Ollama failed: " + bug));
            }
        });
    }

    private void route(HttpServerRequest req, JsonNode body) {
        boolean post = req.method() == HttpMethod.POST;
        boolean get = req.method() == HttpMethod.GET;
        switch (req.path()) {
            case "/api/chat" -> onlyIf(post, req, () -> answer(req, body, false));
            case "/api/generate" -> onlyIf(post, req, () -> answer(req, body, true));
            case "/api/embed" -> onlyIf(post, req, () -> embed(req, body));
            case "/api/show" -> onlyIf(post, req, () -> show(req, body));
            case "/api/tags" -> onlyIf(get, req,
                    () -> json(req, 200, FakeOllamaBodies.listing(models.installed(), false)));
            case "/api/ps" -> onlyIf(get, req, () -> json(req, 200, FakeOllamaBodies.listing(models.loaded(), true)));
            case "/api/version" -> onlyIf(get, req, () -> json(req, 200, Json.object().put("version", "0.12.3")));
            default -> req.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end("404 page not found");
        }
    }

    private void answer(HttpServerRequest req, JsonNode body, boolean generate) {
        boolean empty = generate ? body.path("prompt").asText("").isEmpty() : body.path("messages").isEmpty();
        Script next = empty ? null : script.poll();
        Answer answer = next == null ? defaultAnswer : next.answer();
        Fault fault = next == null ? Fault.NONE : next.fault();
        if (fault instanceof Fault.Status status) {
            status.headers().forEach(req.response()::putHeader);
            json(req, status.status(), FakeOllamaBodies.error(status.message()));
            return;
        }
        if (fault instanceof Fault.CloseBeforeResponse) {
            req.connection().close();
            return;
        }
        withModel(req, body, model -> {
            boolean unload = FakeOllamaModels.keepAliveZero(body);
            boolean stream = body.path("stream").asBoolean(true);
            if (empty) {
                String line = FakeOllamaBodies.loadLine(model, generate, unload).toString();
                new FakeOllamaStream(vertx, req, () -> { }).whole(line, Fault.NONE);
                return;
            }
            FakeOllamaStream player = new FakeOllamaStream(vertx, req, cancelled::incrementAndGet);
            if (stream) {
                List<String> lines = generate ? FakeOllamaBodies.generateLines(model, answer)
                        : FakeOllamaBodies.chatLines(model, answer);
                player.stream(lines, FakeOllamaBodies.doneLine(model, answer, generate).toString(), fault);
            } else {
                player.whole(FakeOllamaBodies.wholeAnswer(model, answer, generate).toString(), fault);
            }
        });
    }

    private void embed(HttpServerRequest req, JsonNode body) {
        withModel(req, body, model -> json(req, 200,
                FakeOllamaBodies.embeddings(model, body.path("input"), body.path("dimensions").asInt(8))));
    }

    private void show(HttpServerRequest req, JsonNode body) {
        String model = models.find(body.path("model").asText(""));
        if (model == null) {
            json(req, 404, FakeOllamaBodies.error("model '" + body.path("model").asText("") + "' not found"));
        } else {
            json(req, 200, FakeOllamaBodies.show(model));
        }
    }

    /** Finds the request's model among the installed ones (loading it), or answers like Ollama when it cannot. */
    private void withModel(HttpServerRequest req, JsonNode body, Consumer<String> action) {
        String asked = body.path("model").asText("");
        if (asked.isEmpty()) {
            json(req, 400, FakeOllamaBodies.error("model is required"));
            return;
        }
        String model = models.find(asked);
        if (model == null) {
            json(req, 404, FakeOllamaBodies.error("model \"" + asked + "\" not found, try pulling it first"));
            return;
        }
        models.used(model, body);
        action.accept(model);
    }

    private static void onlyIf(boolean allowed, HttpServerRequest req, Runnable handler) {
        if (allowed) {
            handler.run();
        } else {
            req.response().setStatusCode(405).putHeader("Content-Type", "text/plain").end("405 method not allowed");
        }
    }

    private static void json(HttpServerRequest req, int status, JsonNode body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.toString());
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            return null;
        }
        try {
            return Json.read(body.getBytes());
        } catch (IOException notJson) {
            return null;
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake Ollama server did not start or stop", e);
        }
    }
}
