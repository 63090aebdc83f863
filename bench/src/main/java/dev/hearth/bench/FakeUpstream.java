package dev.hearth.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A minimal OpenAI Chat Completions upstream with the wire format of the test suite's FakeOpenAi
 * ({@code src/test/java/dev/hearth/testkit/FakeOpenAi.java}), tuned to cost as little CPU as possible so that the
 * process under test gets the machine.
 *
 * <ul>
 *   <li>{@code GET /v1/models}: {@code fake-model}, {@code ttft-model}, {@code slow-model}.</li>
 *   <li>{@code POST /v1/chat/completions} without {@code "stream": true}: one {@code chat.completion} whose content is
 *       "Hello from the fake".</li>
 *   <li>with {@code "stream": true}: SSE {@code chat.completion.chunk} events (role, "Hello", " from", " the",
 *       " fake", finish, the usage chunk when {@code stream_options.include_usage}), then {@code data: [DONE]}. The
 *       role and "Hello" chunks are always written together first. Then, by model:
 *       <ul>
 *         <li>{@code ttft-model}: the rest after {@code --ttft-rest-delay-ms} (default 10), so that the first content
 *             byte is clearly apart from the end of the answer;</li>
 *         <li>{@code slow-model}: one extra content chunk every {@code --slow-interval-ms} (1000) for
 *             {@code --slow-chunks} (15) chunks, then the rest: a long-lived stream;</li>
 *         <li>anything else: the rest at once.</li>
 *       </ul></li>
 * </ul>
 * Options: {@code --port P} (required), {@code --instances N} (event loops, default 2).
 */
final class FakeUpstream extends VerticleBase {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String TEXT = "Hello from the fake";

    private final int port;
    private final long ttftRestDelayMs;
    private final long slowIntervalMs;
    private final int slowChunks;

    private FakeUpstream(int port, long ttftRestDelayMs, long slowIntervalMs, int slowChunks) {
        this.port = port;
        this.ttftRestDelayMs = ttftRestDelayMs;
        this.slowIntervalMs = slowIntervalMs;
        this.slowChunks = slowChunks;
    }

    static void main(Args args) throws Exception {
        int port = Integer.parseInt(args.required("port"));
        int instances = args.integer("instances", 2);
        long ttftDelay = args.number("ttft-rest-delay-ms", 10);
        long slowInterval = args.number("slow-interval-ms", 1000);
        int slowChunks = args.integer("slow-chunks", 15);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances).setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new FakeUpstream(port, ttftDelay, slowInterval, slowChunks),
                        new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("fake upstream listening on 127.0.0.1:" + port + " (native transport: "
                + vertx.isNativeTransportEnabled() + ", event loops: " + instances + ")");
        System.out.flush();
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setTcpNoDelay(true)
                        .setAcceptBacklog(8192)
                        .setIdleTimeout(0))
                .requestHandler(this::handle)
                .listen();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/v1/models")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"object\":\"list\",\"data\":["
                    + "{\"id\":\"fake-model\",\"object\":\"model\"},{\"id\":\"ttft-model\",\"object\":\"model\"},"
                    + "{\"id\":\"slow-model\",\"object\":\"model\"}]}");
            return;
        }
        if (!path.equals("/v1/chat/completions")) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> answer(request.response(), parse(body)));
    }

    private record Ask(String model, boolean stream, boolean usage) {}

    /** Reads only model, stream and stream_options.include_usage, with the streaming parser. */
    private static Ask parse(Buffer body) {
        String model = "fake-model";
        boolean stream = false;
        boolean usage = false;
        try (JsonParser parser = JSON.createParser(body.getBytes())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Ask(model, false, false);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "model" -> model = parser.getText();
                    case "stream" -> stream = value == JsonToken.VALUE_TRUE;
                    case "stream_options" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String inner = parser.currentName();
                                JsonToken innerValue = parser.nextToken();
                                if (inner.equals("include_usage")) {
                                    usage = innerValue == JsonToken.VALUE_TRUE;
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException malformed) {
            // answer with the defaults
        }
        return new Ask(model, stream, usage);
    }

    private void answer(HttpServerResponse response, Ask ask) {
        if (!ask.stream()) {
            response.putHeader("Content-Type", "application/json").end(completion(ask.model()));
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        Buffer first = Buffer.buffer(512)
                .appendString(chunk(ask.model(), "\"role\":\"assistant\",\"content\":\"\"", null))
                .appendString(chunk(ask.model(), "\"content\":\"Hello\"", null));
        String rest = chunk(ask.model(), "\"content\":\" from\"", null)
                + chunk(ask.model(), "\"content\":\" the\"", null)
                + chunk(ask.model(), "\"content\":\" fake\"", null)
                + chunk(ask.model(), "", "stop")
                + (ask.usage() ? usageChunk(ask.model()) : "")
                + "data: [DONE]\n\n";
        switch (ask.model()) {
            case "ttft-model" -> {
                response.write(first);
                vertx.setTimer(ttftRestDelayMs, id -> {
                    if (!response.closed()) {
                        response.end(rest);
                    }
                });
            }
            case "slow-model" -> {
                response.write(first);
                slowly(response, ask.model(), 0, rest);
            }
            default -> response.end(first.appendString(rest));
        }
    }

    private void slowly(HttpServerResponse response, String model, int sent, String rest) {
        vertx.setTimer(slowIntervalMs, id -> {
            if (response.closed()) {
                return;
            }
            if (sent == slowChunks) {
                response.end(rest);
                return;
            }
            response.write(chunk(model, "\"content\":\" tok" + sent + "\"", null));
            slowly(response, model, sent + 1, rest);
        });
    }

    private static String chunk(String model, String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":{" + delta + "},\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static String usageChunk(String model) {
        return "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + model + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,"
                + "\"total_tokens\":15}}\n\n";
    }

    private static Buffer completion(String model) {
        return Buffer.buffer(("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + TEXT + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,\"total_tokens\":15}}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
