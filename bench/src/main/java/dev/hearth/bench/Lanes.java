package dev.hearth.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's event loops: one {@link Lane} per loop, each with its own HTTP client, so that a request and
 * its response are handled on one thread with no hand-offs. Uses the native epoll transport when available (its timers
 * have microsecond resolution; NIO's are whole milliseconds).
 */
final class Lanes implements AutoCloseable {
    final Vertx vertx;
    final List<Lane> lanes;

    private Lanes(Vertx vertx, List<Lane> lanes) {
        this.vertx = vertx;
        this.lanes = lanes;
    }

    static Lanes start(int loops, int maxConnectionsPerLane, long idleTimeoutSeconds) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        if (!vertx.isNativeTransportEnabled()) {
            System.err.println("load generator: native transport unavailable, timers have 1 ms resolution");
        }
        List<Lane> lanes = new CopyOnWriteArrayList<>();
        await(vertx.deployVerticle(() -> new Lane(lanes, maxConnectionsPerLane, idleTimeoutSeconds),
                new DeploymentOptions().setInstances(loops)));
        return new Lanes(vertx, List.copyOf(lanes));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // leaving anyway
        }
    }

    /** Where requests go: POST {@code url} with a JSON body. */
    /** Where to POST, and the model the non-streaming request bodies name (an alias such as {@code auto}, say). */
    record Target(String host, int port, String path, String model) {
        static Target of(String url) {
            return of(url, "fake-model");
        }

        static Target of(String url, String model) {
            URI uri = URI.create(url);
            return new Target(uri.getHost(), uri.getPort(), uri.getRawPath(), model);
        }
    }

    static final class Lane extends VerticleBase {
        private final List<Lane> registry;
        private final int maxConnections;
        private final long idleTimeoutSeconds;
        ContextInternal ctx;
        HttpClient client;

        Lane(List<Lane> registry, int maxConnections, long idleTimeoutSeconds) {
            this.registry = registry;
            this.maxConnections = maxConnections;
            this.idleTimeoutSeconds = idleTimeoutSeconds;
        }

        @Override
        public Future<?> start() {
            ctx = (ContextInternal) context;
            client = vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setKeepAliveTimeout(600)
                            .setTcpNoDelay(true)
                            .setConnectTimeout(10_000),
                    new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
            registry.add(this);
            return Future.succeededFuture();
        }

        /** Sends one POST; call on this lane's event loop. */
        Future<HttpClientResponse> post(Target target, Buffer body) {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(target.host())
                    .setPort(target.port())
                    .setURI(target.path())
                    .setIdleTimeout(TimeUnit.SECONDS.toMillis(idleTimeoutSeconds))
                    .putHeader("Content-Type", "application/json");
            return client.request(options).compose(request -> request.send(body));
        }

        /** Runs {@code task} on this lane's event loop after {@code delayNanos} (sub-millisecond with epoll). */
        void schedule(long delayNanos, Runnable task) {
            ctx.nettyEventLoop().schedule(() -> ctx.dispatch(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }

        void run(Runnable task) {
            ctx.runOnContext(v -> task.run());
        }
    }
}
