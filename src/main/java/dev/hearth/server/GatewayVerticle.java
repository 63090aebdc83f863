package dev.hearth.server;

import dev.hearth.backend.Backend;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HearthHeaders;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.openai.OpenAiApi;
import dev.hearth.ingress.openai.OpenAiErrorWriter;
import dev.hearth.provider.ProviderAdapter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * One event loop's share of the gateway: its own HTTP server instance (the port is shared across loops), its own
 * upstream HTTP client and adapters, and its own dispatcher, so a request and its upstream calls stay on one thread.
 */
final class GatewayVerticle extends VerticleBase {
    private static final String REQUEST_ID = "hearth.request-id";
    private static final String RECEIVED = "hearth.received";

    private final Gateway gateway;
    private HttpServer server;

    GatewayVerticle(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Future<?> start() {
        var failover = gateway.config().failover();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) failover.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setDecompressionSupported(true),
                new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
        Map<String, ProviderAdapter> adapters = new HashMap<>();
        for (Backend backend : gateway.backends()) {
            adapters.put(backend.name(),
                    ProviderAdapters.create(backend.config(), client, gateway.tokens(), gateway.embedded()));
        }
        Dispatcher dispatcher = new Dispatcher(failover, new VertxScheduler(vertx), b -> adapters.get(b.name()),
                gateway.metrics(), gateway.tokens());
        IngressContext context = new IngressContext(gateway.pipeline(), gateway.directory(), gateway.metrics(),
                dispatcher, b -> adapters.get(b.name()));

        Router router = Router.router(vertx);
        router.route().handler(this::stamp);
        HealthRoutes.mount(router, gateway);
        router.route("/v1/*").handler(BodyHandler.create(false)
                .setBodyLimit(gateway.config().server().maxBodyBytes())
                .setHandleFileUploads(false));
        OpenAiApi.mount(router, context, new OpenAiApi.RequestInfo() {
            @Override
            public String id(RoutingContext ctx) {
                return ctx.get(REQUEST_ID);
            }

            @Override
            public long receivedNanos(RoutingContext ctx) {
                return ctx.get(RECEIVED);
            }
        });
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
        ctx.put(RECEIVED, System.nanoTime());
        String id = RequestIds.of(ctx.request());
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader(HearthHeaders.REQUEST_ID, id);
        ctx.next();
    }

    private void notFound(RoutingContext ctx) {
        boolean pathKnown = ctx.currentRoute() != null && ctx.request().path() != null
                && (ctx.request().path().startsWith("/v1/chat/completions")
                        || ctx.request().path().startsWith("/v1/embeddings")
                        || ctx.request().path().startsWith("/v1/models"));
        GatewayError error = pathKnown
                ? GatewayError.of(ErrorKind.METHOD_NOT_ALLOWED,
                        "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path())
                : GatewayError.of(ErrorKind.NOT_FOUND, "Unknown path: " + ctx.request().method() + " "
                        + ctx.request().path());
        OpenAiErrorWriter.INSTANCE.write(ctx.response(), error);
    }

    private void failure(RoutingContext ctx) {
        GatewayError error = switch (ctx.statusCode()) {
            case 413 -> GatewayError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of "
                    + gateway.config().server().maxBodyBytes() + " bytes.");
            case 400 -> GatewayError.invalid(null, "The request could not be read.");
            case 404 -> GatewayError.of(ErrorKind.NOT_FOUND, "Unknown path: " + ctx.request().path());
            case 405 -> GatewayError.of(ErrorKind.METHOD_NOT_ALLOWED, "Method not allowed on " + ctx.request().path());
            default -> GatewayError.of(ErrorKind.INTERNAL,
                    "Internal error (request id " + ctx.get(REQUEST_ID) + "); the gateway log has details.");
        };
        if (ctx.failure() != null && error.kind() == ErrorKind.INTERNAL) {
            org.slf4j.LoggerFactory.getLogger(GatewayVerticle.class)
                    .error("request {} failed", (Object) ctx.get(REQUEST_ID), ctx.failure());
        }
        OpenAiErrorWriter.INSTANCE.write(ctx.response(), error);
    }
}
