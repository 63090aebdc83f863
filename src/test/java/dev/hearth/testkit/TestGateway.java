package dev.hearth.testkit;

import dev.hearth.audit.AuditLog;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.oidc.OidcSettings;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.AuditConfig;
import dev.hearth.config.AuthConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.DiscoveryConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.LimitsConfig;
import dev.hearth.config.RouterConfig;
import dev.hearth.config.PrivacyConfig;
import dev.hearth.config.ServerConfig;
import dev.hearth.config.StateConfig;
import dev.hearth.routing.Strategy;
import dev.hearth.server.HearthServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Hearth in-process on 127.0.0.1:0 with explicit backends and no discovery, plus a plain HTTP/1.1 client. Build with
 * {@link #builder()}, close after the test. Its state (keys, audit log) lives in a fresh temporary directory unless
 * the builder names one; the default auth mode is the loopback default, optional, so tests without keys work.
 */
public final class TestGateway implements AutoCloseable {
    private final HearthServer server;
    private final Path stateDir;
    private final boolean ownsStateDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestGateway(HearthServer server, Path stateDir, boolean ownsStateDir) {
        this.server = server;
        this.stateDir = stateDir;
        this.ownsStateDir = ownsStateDir;
    }

    /** The state directory: {@code hearth.db} and the secrets. */
    public Path stateDir() {
        return stateDir;
    }

    /** The admin key Hearth created at this (first) start. */
    public String adminKey() {
        return server.firstAdminKey().orElseThrow(() -> new IllegalStateException("no admin key was created"))
                .secret().reveal();
    }

    /** POST with {@code Authorization: Bearer key}. */
    public HttpResponse<String> post(String path, String json, String key) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** GET with {@code Authorization: Bearer key}. */
    public HttpResponse<String> get(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET().build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public int port() {
        return server.port();
    }

    public HearthServer server() {
        return server;
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        server.close();
        if (ownsStateDir) {
            deleteTree(stateDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it up eventually
        }
    }

    public static final class Builder {
        private final List<BackendConfig> backends = new ArrayList<>();
        private final Map<String, AliasConfig> aliases = new LinkedHashMap<>();
        private FailoverConfig failover = new FailoverConfig(2, Duration.ofSeconds(20), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(3), 50, 4,
                Duration.ofSeconds(30));
        private long maxBody = ServerConfig.DEFAULT_MAX_BODY_BYTES;
        private PrivacyConfig privacy = PrivacyConfig.defaults();
        private boolean embedded;
        private AuthMode authMode;
        private Path stateDir;
        private UnaryOperator<AuditLog> auditView = UnaryOperator.identity();

        /** Overrides the loopback default (optional). */
        private LimitsConfig limits = LimitsConfig.defaults();
        private RouterConfig router = RouterConfig.defaults();
        private AuditConfig audit = AuditConfig.defaults();
        private OidcSettings oidc;

        public Builder authMode(AuthMode mode) {
            this.authMode = mode;
            return this;
        }

        /** A state directory the test owns (and may reuse across gateways); default: a fresh temporary one. */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /** Wraps the audit log the request path appends to (to hold or fail commits). */
        public Builder auditView(UnaryOperator<AuditLog> view) {
            this.auditView = view;
            return this;
        }

        public Builder backend(String name, Protocol protocol, FakeUpstream fake, Locality locality, String... models) {
            backends.add(new BackendConfig(name, protocol, fake.baseUrl(), null, locality, List.of(models), 0));
            return this;
        }

        public Builder backend(BackendConfig config) {
            backends.add(config);
            return this;
        }

        public Builder openAi(String name, FakeUpstream fake, String... models) {
            return backend(name, Protocol.OPENAI, fake, Locality.LOCAL, models);
        }

        public Builder alias(String name, String... candidates) {
            aliases.put(name, AliasConfig.ordered(List.of(candidates)));
            return this;
        }

        public Builder alias(String name, Strategy strategy, double quality, String... candidates) {
            aliases.put(name, new AliasConfig(List.of(candidates), strategy, quality));
            return this;
        }

        public Builder alias(AliasConfig alias, String name) {
            aliases.put(name, alias);
            return this;
        }

        public Builder alias(String name, Strategy strategy, double quality, Duration hedgeAfter,
                String... candidates) {
            aliases.put(name, new AliasConfig(List.of(candidates), strategy, quality, hedgeAfter));
            return this;
        }

        public Builder alias(String name, AliasConfig config) {
            aliases.put(name, config);
            return this;
        }

        /** The privacy section; the default is the shipped policy with the guard on. */
        public Builder privacy(PrivacyConfig config) {
            this.privacy = config;
            return this;
        }

        public Builder failover(FailoverConfig config) {
            this.failover = config;
            return this;
        }

        public Builder maxBody(long bytes) {
            this.maxBody = bytes;
            return this;
        }

        public Builder oidc(OidcSettings settings) {
            this.oidc = settings;
            return this;
        }

        public Builder nodeId(String id) {
            this.audit = new AuditConfig(id, AuditConfig.defaults().checkpointEvery(),
                    AuditConfig.defaults().checkpointInterval());
            return this;
        }

        public Builder limits(LimitsConfig config) {
            this.limits = config;
            return this;
        }

        public Builder router(RouterConfig config) {
            this.router = config;
            return this;
        }

        public Builder embedded(boolean on) {
            this.embedded = on;
            return this;
        }

        public TestGateway start() {
            boolean owned = stateDir == null;
            Path dir;
            try {
                dir = owned ? Files.createTempDirectory("hearth-state-") : stateDir;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            HearthConfig config = new HearthConfig(new ServerConfig("127.0.0.1", 0, maxBody), backends, aliases,
                    failover, new DiscoveryConfig(false, false, embedded), new StateConfig(dir),
                    new AuthConfig(authMode, AuthConfig.DEFAULT_KEY_REFRESH, oidc), audit, privacy, limits, router);
            return new TestGateway(HearthServer.start(config, Map.of(), auditView), dir, owned);
        }
    }
}
