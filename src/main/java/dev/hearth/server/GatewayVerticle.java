package dev.hearth.server;

import dev.hearth.admin.AdminApi;
import dev.hearth.admin.RouteAdminApi;
import dev.hearth.backend.Backend;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.anthropic.AnthropicApi;
import dev.hearth.ingress.common.Dialect;
import dev.hearth.ingress.common.HearthHeaders;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.ingress.ollama.OllamaApi;
import dev.hearth.ingress.openai.OpenAiApi;
import dev.hearth.ingress.responses.ResponsesApi;
import dev.hearth.provider.ProviderAdapter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event loop's share of the gateway: its own HTTP server instance (the port is shared across loops), its own
 * upstream HTTP client and adapters, and its own dispatcher, so a request and its upstream calls stay on one thread.
 */
final class GatewayVerticle extends VerticleBase {
    /** Every client dialect Hearth speaks; the first one answers for paths no dialect owns. */
    static List<Dialect> dialects() {
        return List.of(new OpenAiApi(), new AnthropicApi(), new ResponsesApi(), new OllamaApi());
    }

    private final Gateway gateway;
    private final HttpClient client;
    private final List<Dialect> dialects = dialects();
    private HttpServer server;

    /**
     * @param client the one upstream client, shared: its pool hands each caller a connection on the caller's own
     *               event loop, so requests never hop threads. (A client created per verticle in start() took an
     *               event loop of its own from Vert.x's rotation and left every verticle on the same loop.)
     */
    GatewayVerticle(Gateway gateway, HttpClient client) {
        this.gateway = gateway;
        this.client = client;
    }

    /** The upstream client all loops share. */
    static HttpClient upstreamClient(io.vertx.core.Vertx vertx, dev.hearth.config.FailoverConfig failover) {
        return vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) failover.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setDecompressionSupported(true),
                // Streams hold their upstream connection for minutes: the pool must not be what limits concurrency
                // (1,024 per loop capped a 5,000-stream run at 2,048). Per-backend limits are max-concurrency's job.
                new PoolOptions().setHttp1MaxSize(65_536).setMaxWaitQueueSize(-1));
    }

    @Override
    public Future<?> start() {
        var failover = gateway.config().failover();
        Map<String, ProviderAdapter> adapters = new HashMap<>();
        for (Backend backend : gateway.backends()) {
            adapters.put(backend.name(),
                    ProviderAdapters.create(backend.config(), client, gateway.tokens(), gateway.embedded()));
        }
        Dispatcher dispatcher = new Dispatcher(failover, new VertxScheduler(vertx), b -> adapters.get(b.name()),
                gateway.metrics(), gateway.tokens());
        IngressContext context = new IngressContext(gateway.pipeline(), gateway.directory(), gateway.metrics(),
                dispatcher, b -> adapters.get(b.name()), gateway.tokens());

        Router router = Router.router(vertx);
        router.route().handler(this::stamp);
        HealthRoutes.mount(router, gateway);
        router.route().handler(new AuthGate(gateway.authenticator(), gateway.governance().auditLog(),
                gateway.metrics(), this::dialectOf, dialects));
        BodyHandler bodies = BodyHandler.create(false)
                .setBodyLimit(gateway.config().server().maxBodyBytes())
                .setHandleFileUploads(false);
        for (Dialect dialect : dialects) {
            dialect.pathPrefixes().forEach(prefix -> router.route(prefix + "*").handler(bodies));
            dialect.mount(router, context);
        }
        WorkerExecutor adminWorkers = vertx.createSharedWorkerExecutor("hearth-admin", 2);
        new AdminApi(gateway.governance().keys(), gateway.governance().auditReader(), adminWorkers,
                java.time.Clock.systemUTC(), gateway.governance().spendLedger()).mount(router);
        new RouteAdminApi(gateway.explainer(), gateway.decisions(), adminWorkers).mount(router);
        router.route().last().handler(this::notFound);
        router.route().failureHandler(this::failure);

        var config = gateway.config().server();
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true)
                .setCompressionSupported(false));
        return server.requestHandler(router).listen();
    }

    int actualPort() {
        return server.actualPort();
    }

    private void stamp(RoutingContext ctx) {
        String id = RequestIds.of(ctx.request());
        RequestStamp.stamp(ctx, id, System.nanoTime());
        ctx.response().putHeader(HearthHeaders.REQUEST_ID, id);
        ctx.next();
    }

    /** The dialect whose paths these are, so even a 404 answers in the client's own error shape. */
    private Dialect dialectOf(String path) {
        String p = path == null ? "" : path;
        return dialects.stream()
                .filter(d -> d.pathPrefixes().stream().anyMatch(p::startsWith))
                .reduce((first, second) -> longestPrefix(p, first) >= longestPrefix(p, second) ? first : second)
                .orElse(dialects.getFirst());
    }

    private static int longestPrefix(String path, Dialect dialect) {
        return dialect.pathPrefixes().stream().filter(path::startsWith).mapToInt(String::length).max().orElse(0);
    }

    private void notFound(RoutingContext ctx) {
        String path = ctx.request().path();
        Dialect dialect = dialectOf(path);
        boolean known = dialect.paths().stream().anyMatch(p -> path != null && path.startsWith(p));
        GatewayError error = known
                ? GatewayError.of(ErrorKind.METHOD_NOT_ALLOWED,
                        "Method " + ctx.request().method() + " is not allowed on " + path)
                : GatewayError.of(ErrorKind.NOT_FOUND, "Unknown path: " + ctx.request().method() + " " + path);
        gateway.metrics().refused(dialect.name(), error.httpStatus());
        dialect.errors().write(ctx.response(), error);
    }

    private void failure(RoutingContext ctx) {
        GatewayError error = switch (ctx.statusCode()) {
            case 413 -> GatewayError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of "
                    + gateway.config().server().maxBodyBytes() + " bytes.");
            case 400 -> GatewayError.invalid(null, "The request could not be read.");
            case 404 -> GatewayError.of(ErrorKind.NOT_FOUND, "Unknown path: " + ctx.request().path());
            case 405 -> GatewayError.of(ErrorKind.METHOD_NOT_ALLOWED, "Method not allowed on " + ctx.request().path());
            default -> GatewayError.of(ErrorKind.INTERNAL,
                    "Internal error (request id " + RequestStamp.id(ctx) + "); the gateway log has details.");
        };
        if (ctx.failure() != null && error.kind() == ErrorKind.INTERNAL) {
            org.slf4j.LoggerFactory.getLogger(GatewayVerticle.class)
                    .error("request {} failed", RequestStamp.id(ctx), ctx.failure());
        }
        Dialect dialect = dialectOf(ctx.request().path());
        gateway.metrics().refused(dialect.name(), error.httpStatus());
        dialect.errors().write(ctx.response(), error);
    }
}
