package dev.hearth.server;

import dev.hearth.audit.AuditLog;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.IssuedKey;
import dev.hearth.auth.oidc.JwtVerifier;
import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelCatalogLoader;
import dev.hearth.catalog.PriceList;
import dev.hearth.config.AuthConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.CloudProviders;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.LocalServers;
import dev.hearth.config.PrivacyConfig;
import dev.hearth.observability.GatewayMetrics;
import dev.hearth.pipeline.ChatPipeline;
import dev.hearth.pipeline.QualityOffload;
import dev.hearth.pipeline.RouteExplainer;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.privacy.guard.PrivacyGuard;
import dev.hearth.provider.embedded.EmbeddedAdapter;
import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.routing.RecentDecisions;
import dev.hearth.routing.RoutePlanner;
import dev.hearth.routing.quality.QualityModel;
import dev.hearth.routing.quality.QualityModelEstimator;
import dev.hearth.store.Governance;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: turns a configuration (plus what discovery finds) into running event-loop verticles. Reading
 * this class and {@link GatewayVerticle} shows every part of the gateway and how they are wired.
 */
public final class HearthServer implements AutoCloseable {
    private final Vertx vertx;
    private final Gateway gateway;
    private final ExecutorService embeddingWorkers;
    private final MiniLmEmbeddingEngine engine;
    private final LoadedModelsPoller loadedModels;
    private final int port;
    private final IssuedKey firstAdminKey;
    private final AutoCloseable limits;
    private static final Logger LOG = LoggerFactory.getLogger(HearthServer.class);
    /** Decisions kept for {@code GET /admin/decisions}: a few hundred small records, no prompt content. */
    private static final int RECENT_DECISIONS = 500;
    /**
     * How long a decision waits for an embedding-based quality estimate before using the features-only one: twice
     * the 10 ms p99 target, so the fallback is for overload, not for ordinary jitter.
     */
    private static final java.time.Duration QUALITY_DEADLINE = java.time.Duration.ofMillis(20);
    /** MiniLM already runs each embedding on every core; one thread keeps estimates from competing for them. */
    private static final int QUALITY_THREADS = 1;

    private HearthServer(Vertx vertx, Gateway gateway, ExecutorService workers, MiniLmEmbeddingEngine engine,
            LoadedModelsPoller loadedModels, int port, IssuedKey firstAdminKey, AutoCloseable limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.gateway = gateway;
        this.embeddingWorkers = workers;
        this.engine = engine;
        this.loadedModels = loadedModels;
        this.port = port;
        this.firstAdminKey = firstAdminKey;
    }

    /** Starts the gateway and returns once it listens. Blocking: call from main or a test, not from an event loop. */
    public static HearthServer start(HearthConfig config, Map<String, String> env) {
        return start(config, env, UnaryOperator.identity());
    }

    /**
     * The same, with the audit log as the request path sees it wrapped by {@code auditView}: a seam for tests that
     * hold or fail audit commits. Production uses {@link #start(HearthConfig, Map)}.
     */
    public static HearthServer start(HearthConfig config, Map<String, String> env, UnaryOperator<AuditLog> auditView) {
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Governance governance = Governance.open(config.state(), config.audit(), env, Clock.systemUTC());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        try {
            return boot(vertx, config, env, loops, governance, auditView);
        } catch (RuntimeException e) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            governance.close();
            throw e;
        }
    }

    private static HearthServer boot(Vertx vertx, HearthConfig config, Map<String, String> env, int loops,
            Governance governance, UnaryOperator<AuditLog> auditView) {
        TokenCounter tokens = new TokenCounter();
        Discovery discovery = new Discovery(vertx, tokens);
        List<BackendConfig> backendConfigs = new ArrayList<>(config.backends());
        if (config.discovery().localServers()) {
            List<BackendConfig> candidates = LocalServers.candidates().stream()
                    .filter(c -> !clashes(c, backendConfigs, config.server().port()))
                    .toList();
            backendConfigs.addAll(await(discovery.probeLocal(candidates)));
        }
        if (config.discovery().cloudKeys()) {
            CloudProviders.fromEnvironment(env).stream()
                    .filter(c -> !clashes(c, backendConfigs, -1))
                    .forEach(backendConfigs::add);
        }
        MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine();
        ExecutorService workers = Executors.newFixedThreadPool(1, Thread.ofPlatform().daemon().name("embeddings").factory());
        if (config.discovery().embedded()
                && backendConfigs.stream().noneMatch(b -> b.name().equals(EmbeddedAdapter.BACKEND_NAME))) {
            backendConfigs.add(new BackendConfig(EmbeddedAdapter.BACKEND_NAME, Protocol.EMBEDDED,
                    URI.create("inprocess:/minilm"), null, Locality.LOCAL, List.of(MiniLmEmbeddingEngine.MODEL_NAME), 0));
        }
        List<Backend> backends = backendConfigs.stream()
                .map(b -> new Backend(b, new BackendHealth(b.name(), config.failover())))
                .toList();
        ModelDirectory directory = new ModelDirectory(backends, config.aliases(), ModelCatalogLoader.shipped());
        GatewayMetrics metrics = new GatewayMetrics(backends, new PriceList(config.limits().pricing()));
        String host = config.server().host();
        AuthMode mode = config.auth().effectiveMode(host);
        IssuedKey firstAdminKey = mode != AuthMode.OFF && AuthConfig.isLoopbackBind(host)
                ? governance.bootstrapAdminKey().orElse(null) : null;
        governance.refreshEvery(config.auth().keyRefresh());
        var quality = new QualityModelEstimator(
                QualityModel.loadOrShipped(config.router().model(), new MiniLmPromptEmbedder(engine)));
        PrivacyGuard privacy = privacyGuard(config, metrics);
        AdmissionFactory.Built limits = AdmissionFactory.build(config.limits(), governance.spendLedger(),
                governance::teams, governance::users, Clock.systemUTC());
        RecentDecisions decisions = new RecentDecisions(RECENT_DECISIONS, Clock.systemUTC());
        RoutePlanner planner = new RoutePlanner(directory, tokens, quality, metrics.andThen(decisions));
        // Only a retrained model that embeds the prompt needs the off-loop estimate; the shipped one runs inline.
        QualityOffload qualityOffload = quality.blocks()
                ? new QualityOffload(quality, QUALITY_DEADLINE, QUALITY_THREADS) : null;
        if (quality.blocks()) {
            engine.startLoading(); // the router needs MiniLM from the first request: load it now, in the background
        }
        var pipeline = new ChatPipeline(privacy, planner, new VertxOffload(),
                auditView.apply(governance.auditLog()), limits.admission(), tokens, metrics, qualityOffload);
        JwtVerifier identityTokens = identityTokens(config);
        Gateway gateway = new Gateway(config.withBackends(backendConfigs), backends, directory, metrics, tokens,
                new EmbeddedAdapter(engine, workers), pipeline, new Gateway.Readiness(), governance,
                governance.authenticator(mode, identityTokens), new RouteExplainer(privacy, planner), decisions);

        List<GatewayVerticle> verticles = new ArrayList<>();
        var upstream = GatewayVerticle.upstreamClient(vertx, config.failover());
        for (int i = 0; i < loops; i++) {
            GatewayVerticle verticle = new GatewayVerticle(gateway, upstream);
            verticles.add(verticle);
            await(vertx.deployVerticle(verticle, new DeploymentOptions()));
        }
        // Local servers answer in milliseconds: wait for their model lists. Cloud lists can take seconds: they
        // arrive in the background, and readiness reports "starting" until they have.
        await(discovery.discoverModels(backends.stream().filter(b -> b.locality() == Locality.LOCAL).toList()));
        discovery.discoverModels(backends.stream().filter(b -> b.locality() == Locality.CLOUD).toList())
                .onComplete(done -> {
                    discovery.close();
                    gateway.readiness().markReady();
                });
        // The embedding model loads on its first use, on the embeddings worker (about a second): a gateway whose
        // clients never embed does not carry its ~110 MiB of native memory.
        Thread.ofPlatform().daemon().name("tokenizer-warm-up").start(tokens::warmUp);
        // The detector's dictionaries and phone metadata load on first use: not on the first request's event loop.
        Thread.ofPlatform().daemon().name("privacy-warm-up").start(privacy::warmUp);
        LoadedModelsPoller loadedModels = new LoadedModelsPoller(vertx, backends, tokens);
        loadedModels.start();
        return new HearthServer(vertx, gateway, workers, engine, loadedModels, verticles.get(0).actualPort(),
                firstAdminKey, () -> {
                    if (qualityOffload != null) {
                        qualityOffload.close();
                    }
                    limits.resources().close();
                    if (identityTokens != null) {
                        identityTokens.close();
                    }
                });
    }

    /** The OIDC token checker with the issuer's keys fetched once before serving, or null without OIDC. */
    private static JwtVerifier identityTokens(HearthConfig config) {
        if (config.auth().oidc() == null) {
            return null;
        }
        JwtVerifier verifier = new JwtVerifier(config.auth().oidc(), Clock.systemUTC());
        if (!verifier.loadKeys()) {
            LOG.warn("the OIDC signing keys could not be fetched from {} at start; identity-provider tokens are"
                    + " refused until they can be (retrying in the background)", config.auth().oidc().jwksUrl());
        }
        return verifier;
    }

    private static PrivacyGuard privacyGuard(HearthConfig config, GatewayMetrics metrics) {
        PrivacyConfig privacy = config.privacy();
        Map<String, Map<DataClass, PrivacyAction>> aliasPolicies = new HashMap<>();
        config.aliases().forEach((name, alias) -> aliasPolicies.put(name, alias.privacy()));
        return new PrivacyGuard(privacy.enabled(), Detectors.standard(privacy.customRules()), privacy.policy(),
                aliasPolicies, metrics);
    }

    /** A discovered or key-derived backend must not shadow a configured one (same name or same URL) nor be us. */
    private static boolean clashes(BackendConfig candidate, List<BackendConfig> existing, int ownPort) {
        Set<String> names = new HashSet<>();
        Set<URI> urls = new HashSet<>();
        existing.forEach(b -> {
            names.add(b.name());
            urls.add(b.baseUrl());
        });
        return names.contains(candidate.name()) || urls.contains(candidate.baseUrl())
                || candidate.baseUrl().getPort() == ownPort;
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    public int port() {
        return port;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The admin key created at the very first start, to show once; empty on every later start. */
    public Optional<IssuedKey> firstAdminKey() {
        return Optional.ofNullable(firstAdminKey);
    }

    /** Stops serving, then closes the store after its queued audit writes (with a final signed checkpoint). */
    @Override
    public void close() {
        loadedModels.stop();
        await(vertx.close());
        embeddingWorkers.shutdownNow();
        engine.close();
        try {
            limits.close();
        } catch (Exception e) {
            LOG.warn("closing the rate-limit counters failed: {}", e.toString());
        }
        gateway.governance().close();
    }
}
