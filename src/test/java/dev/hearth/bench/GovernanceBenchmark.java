package dev.hearth.bench;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.AuditRecord;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.PresentedKey;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.catalog.Price;
import dev.hearth.catalog.PriceList;
import dev.hearth.config.AuditConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.config.LimitsConfig;
import dev.hearth.config.Secret;
import dev.hearth.config.StateConfig;
import dev.hearth.limits.Admission;
import dev.hearth.limits.LocalBudgetCounters;
import dev.hearth.limits.LocalRateBuckets;
import dev.hearth.limits.SpendLedger;
import dev.hearth.limits.Ticket;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import dev.hearth.store.Governance;
import dev.hearth.store.redis.RedisCounters;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What governance adds to a request, in process: authenticating a key, the admit stage (RPM + TPM buckets and a
 * daily budget reserved and settled) with counters in memory or in Redis, and one audit record made durable
 * (group commit) on SQLite or PostgreSQL, alone or 64 at a time. Sample time, so JMH reports p50/p99. The Redis
 * and PostgreSQL variants need the services on 127.0.0.1 (6379, 5432 database test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GovernanceBenchmark {
    @Param({"sqlite", "postgres"})
    public String store;

    private Path dir;
    private Governance governance;
    private Authenticator authenticator;
    private PresentedKey presented;
    private Admission local;
    private Admission redis;
    private RedisCounters redisCounters;
    private RoutePlan plan;
    private Route route;
    private Principal principal;
    private Principal[] principals;
    private int next;
    private String schema;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("hearth-bench-");
        schema = "hearth_bench_" + Long.toHexString(System.nanoTime());
        StateConfig state = store.equals("postgres") ? new StateConfig(dir, new StateConfig.DatabaseConfig(
                "jdbc:postgresql://127.0.0.1:5432/test", "postgres", (Secret) null, schema, 4)) : new StateConfig(dir);
        governance = Governance.open(state, new AuditConfig("bench", 1000, Duration.ofMinutes(1)), Map.of(),
                Clock.systemUTC());
        String key = governance.keys().create(new KeySpec("bench", "owner", "team", Role.MEMBER, List.of(), null,
                new Quota(1_000_000_000, 2_000_000_000, 1e9, 1e9), null), Principal.operator("bench"), null)
                .secret().reveal();
        authenticator = governance.authenticator(AuthMode.REQUIRED);
        presented = new PresentedKey.Key(Secret.of(key));
        principal = authenticator.authenticate(presented);
        // Many keys in turn, so that a million admissions a second never drain one key's buckets mid-run.
        principals = new Principal[4096];
        for (int i = 0; i < principals.length; i++) {
            principals[i] = new Principal(Principal.Kind.KEY, "key_bench" + i, "bench" + i, "bench", "team",
                    Role.MEMBER, List.of(), "owner", new Quota(100_000, 100_000_000, 1e6, 1e6), null);
        }
        Backend backend = new Backend(new BackendConfig("local", Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"),
                null, Locality.LOCAL, List.of("m"), 0), new BackendHealth("local", FailoverConfig.defaults()));
        route = new Route(backend, "m", ModelInfo.unknown("m"));
        plan = new RoutePlan("m", List.of(route), "bench", null);
        PriceList prices = new PriceList(Map.of("local/*", new Price(0.05, 0.15)));
        local = new Admission(new LocalRateBuckets(), new LocalBudgetCounters(Map.of()), SpendLedger.NONE, prices,
                Admission.Settings.defaults(), Clock.systemUTC());
        redisCounters = RedisCounters.connect(new LimitsConfig.RedisConfig(URI.create("redis://127.0.0.1:6379"),
                null, "hearth-bench-" + UUID.randomUUID() + ":", true));
        redis = new Admission(redisCounters.rateBuckets(), redisCounters.budgetCounters(Map.of()), SpendLedger.NONE,
                prices, Admission.Settings.defaults(), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        redisCounters.close();
        governance.close();
        if (store.equals("postgres")) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
                    var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Benchmark
    public Principal authenticateKey() {
        return authenticator.authenticate(presented);
    }

    @Benchmark
    public Object admitAndSettleLocal() {
        Ticket ticket = local.admit(nextPrincipal(), plan, () -> 40, 256).join();
        return ticket.settle(route, 40, 100);
    }

    @Benchmark
    public Object admitAndSettleRedis() {
        Ticket ticket = redis.admit(nextPrincipal(), plan, () -> 40, 256).join();
        return ticket.settle(route, 40, 100);
    }

    private Principal nextPrincipal() {
        next = (next + 1) & (principals.length - 1);
        return principals[next];
    }

    @Benchmark
    public AuditRecord auditAppendOne() {
        return governance.auditLog().append(event()).join();
    }

    /** 64 records appended at once and awaited: group commit's throughput (divide by 64 per record). */
    @Benchmark
    public Object auditAppend64() {
        List<CompletableFuture<AuditRecord>> batch = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            batch.add(governance.auditLog().append(event()));
        }
        return CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Eight requests appending at once, each waiting only for its own record: the per-append latency a request sees
     * under load, with group commit sharing each commit between whoever is waiting. Throughput is threads / mean.
     */
    @Benchmark
    @Threads(8)
    public AuditRecord auditAppendConcurrent8() {
        return governance.auditLog().append(event()).join();
    }

    private static AuditEvent event() {
        return AuditEvent.admin(System.currentTimeMillis(), "bench", "api", "req", null, "bench",
                Map.of("status", 200, "backend", "local"));
    }
}
