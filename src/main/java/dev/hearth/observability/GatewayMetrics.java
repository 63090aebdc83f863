package dev.hearth.observability;

import dev.hearth.backend.Backend;
import dev.hearth.catalog.Price;
import dev.hearth.catalog.PriceList;
import dev.hearth.dispatch.DispatchListener;
import dev.hearth.dispatch.Served;
import dev.hearth.model.Usage;
import dev.hearth.pipeline.PipelineListener;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.privacy.guard.PrivacyListener;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.routing.Decision;
import dev.hearth.routing.DecisionListener;
import dev.hearth.routing.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics for the whole gateway, fed by dispatch's paired events and the privacy guard's decisions. Meters
 * are cached by their tag values so the hot path does no registry look-ups after warm-up. Tags carry backend, model,
 * data class and action names, never request content. Thread-safe.
 */
public final class GatewayMetrics implements DispatchListener, PrivacyListener, PipelineListener,
        DecisionListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    private final PriceList prices;

    /** @param prices the same prices budgets use (the operator's overrides, then the catalog) */
    public GatewayMetrics(List<Backend> backends, PriceList prices) {
        this.prices = prices;
        for (Backend backend : backends) {
            Gauge.builder("hearth_circuit_state", backend, b -> b.health().stateCode())
                    .description("Circuit breaker state per backend: 0 closed, 1 half-open, 2 open")
                    .tag("backend", backend.name())
                    .register(registry);
            Gauge.builder("hearth_backend_in_flight", backend, b -> b.inFlight().get())
                    .tag("backend", backend.name())
                    .register(registry);
        }
    }

    /** Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void attemptStarted(Route route, int attempt) {
        if (attempt > 1) {
            counter("hearth_failovers_total", "backend", route.backend().name()).increment();
        }
    }

    @Override
    public void firstEvent(Route route, long nanos) {
        timer("hearth_upstream_first_event_seconds", "backend", route.backend().name())
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void attemptEnded(Route route, UpstreamFailure failure, long nanos) {
        String outcome = failure == null ? "ok" : failure.kind().name().toLowerCase(Locale.ROOT);
        counter("hearth_upstream_attempts_total", "backend", route.backend().name(), "outcome", outcome).increment();
    }

    @Override
    public void attemptCancelled(Route route, String why, long nanos) {
        counter("hearth_upstream_attempts_total", "backend", route.backend().name(), "outcome", "cancelled_" + why)
                .increment();
    }

    @Override
    public void skipped(Route route, String why) {
        counter("hearth_route_skipped_total", "backend", route.backend().name(), "reason", why).increment();
    }

    @Override
    public void exchangeEnded(Served served, Usage usage, boolean streamed, String outcome, long nanos,
            long firstByteNanos) {
        String backend = served == null ? "none" : served.route().backend().name();
        String locality = served == null ? "none" : served.route().backend().locality().name().toLowerCase(Locale.ROOT);
        String mode = streamed ? "stream" : "json";
        counter("hearth_requests_total", "backend", backend, "locality", locality, "mode", mode, "outcome", outcome)
                .increment();
        timer("hearth_request_duration_seconds", "backend", backend, "mode", mode).record(nanos, TimeUnit.NANOSECONDS);
        if (served != null && firstByteNanos > 0 && streamed) {
            timer("hearth_time_to_first_token_seconds", "backend", backend, "mode", mode)
                    .record(firstByteNanos, TimeUnit.NANOSECONDS);
        }
        if (usage != null && served != null) {
            String model = served.route().model();
            counter("hearth_tokens_total", "backend", backend, "model", model, "type", "prompt")
                    .increment(usage.promptTokens());
            counter("hearth_tokens_total", "backend", backend, "model", model, "type", "completion")
                    .increment(usage.completionTokens());
            recordCost(served, usage, backend);
        }
    }

    /** Actual cost, and what the strongest candidate would have cost: their difference is "saved versus all-cloud". */
    private void recordCost(Served served, Usage usage, String backend) {
        prices.priceOf(backend, served.route().model(), served.route().info()).ifPresent(price ->
                counter("hearth_cost_usd_total", "backend", backend).increment(usd(price, usage)));
        Route reference = served.reference();
        if (reference != null) {
            prices.priceOf(reference.backend().name(), reference.model(), reference.info()).ifPresent(price ->
                    counter("hearth_cost_reference_usd_total", "backend", backend).increment(usd(price, usage)));
        }
    }

    private static double usd(Price price, Usage usage) {
        return price.usd(usage.promptTokens(), usage.completionTokens());
    }

    /** One count per data class found (or {@code none}), tagged with the action the request got. */
    @Override
    public void decided(Set<DataClass> found, PrivacyAction action) {
        if (found.isEmpty()) {
            counter("hearth_privacy_requests_total", "data_class", "none", "action", "none").increment();
            return;
        }
        for (DataClass dataClass : found) {
            counter("hearth_privacy_requests_total", "data_class", dataClass.name().toLowerCase(Locale.ROOT),
                    "action", action.wire()).increment();
        }
    }

    @Override
    public void masked(String backend, int placeholders) {
        counter("hearth_privacy_masked_attempts_total", "backend", backend).increment();
    }

    /**
     * One count per routing decision, by strategy ("model" for a concrete model), outcome ("routed" or the refusal's
     * code), where the first attempt goes, and whether privacy confined it to local backends. No model names: those
     * come from clients, and would make the series unbounded.
     */
    @Override
    public void decided(Decision decision) {
        boolean localOnly = decision.plan() != null && decision.plan().localOnly();
        counter("hearth_route_decisions_total", "strategy", decision.strategy(), "outcome", decision.outcome(),
                "location", decision.location(), "local_only", Boolean.toString(localOnly)).increment();
    }

    /** A refusal that never reached dispatch (bad request, unknown model, ...). */
    /** hearth_pipeline_refusals_total{stage, code}: requests refused before any upstream call, and why. */
    @Override
    public void refused(String stage, String code) {
        counter("hearth_pipeline_refusals_total", "stage", stage, "code", code == null ? "none" : code).increment();
    }

    public void refused(String dialect, int status) {
        counter("hearth_errors_total", "dialect", dialect, "status", Integer.toString(status)).increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).tags(tags).register(registry));
    }

    private Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry));
    }

    private static String key(String name, String... tags) {
        return name + '|' + String.join("|", tags);
    }
}
