package dev.hearth.backend;

import dev.hearth.config.BackendConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A configured upstream at run time: its configuration, the models it serves now (declared or discovered), its
 * circuit breaker and its in-flight count. Shared by all event loops; thread-safe.
 */
public final class Backend {
    private final BackendConfig config;
    private final BackendHealth health;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LatencyTracker latency = new LatencyTracker();
    private volatile List<String> models;
    /** Models the server reports as loaded in memory right now; null when it cannot tell (not polled). */
    private volatile Set<String> loaded;

    public Backend(BackendConfig config, BackendHealth health) {
        this.config = config;
        this.health = health;
        this.models = config.models();
    }

    public String name() {
        return config.name();
    }

    public Protocol protocol() {
        return config.protocol();
    }

    public Locality locality() {
        return config.location();
    }

    public BackendConfig config() {
        return config;
    }

    public BackendHealth health() {
        return health;
    }

    public List<String> models() {
        return models;
    }

    public boolean serves(String model) {
        return models.contains(model);
    }

    /** Replaces the discovered model list; declared models in configuration always win. */
    public void discovered(List<String> found) {
        if (config.models().isEmpty()) {
            models = List.copyOf(Set.copyOf(found)).stream().sorted().toList();
        }
    }

    /** Whether the server has {@code model} loaded; true when nothing is known (only a known "no" counts). */
    public boolean mayHaveLoaded(String model) {
        Set<String> now = loaded;
        return now == null || now.contains(model);
    }

    /** @param models what the server reports as loaded, or null when that is unknown (a poll failed) */
    public void loaded(Set<String> models) {
        loaded = models == null ? null : Set.copyOf(models);
    }

    public AtomicInteger inFlight() {
        return inFlight;
    }

    public LatencyTracker latency() {
        return latency;
    }

    @Override
    public String toString() {
        return name() + "(" + protocol().name().toLowerCase() + ", " + locality().name().toLowerCase() + ")";
    }
}
