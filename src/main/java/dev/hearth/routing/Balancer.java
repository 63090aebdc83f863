package dev.hearth.routing;

import dev.hearth.backend.Backend;
import dev.hearth.backend.Locality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Spreads a model served by several backends (replicas: a few local GPU boxes) by "power of two choices": of two
 * replicas drawn at random, the less loaded goes first, where load is outstanding requests relative to the backend's
 * capacity, then its average time to first token. Two random draws avoid the herd that "always the least loaded"
 * causes when many requests read the same stale counts. A replica known to have the model loaded is preferred over
 * one that would have to load it. Local replicas always come before cloud ones. Thread-safe.
 */
public final class Balancer {
    private final RandomGenerator random;

    public Balancer(RandomGenerator random) {
        this.random = random;
    }

    /** The replicas in the order to try them; the first is the balanced pick, the rest follow by load. */
    public List<Route> order(List<Route> replicas) {
        if (replicas.size() < 2) {
            return replicas;
        }
        List<Route> local = new ArrayList<>();
        List<Route> cloud = new ArrayList<>();
        for (Route route : replicas) {
            (route.backend().locality() == Locality.LOCAL ? local : cloud).add(route);
        }
        List<Route> ordered = new ArrayList<>(replicas.size());
        ordered.addAll(balance(local));
        ordered.addAll(balance(cloud));
        return ordered;
    }

    private List<Route> balance(List<Route> group) {
        if (group.size() < 2) {
            return group;
        }
        List<Route> rest = new ArrayList<>(group);
        Route a = rest.get(random.nextInt(rest.size()));
        Route b;
        do {
            b = rest.get(random.nextInt(rest.size()));
        } while (b == a);
        Route first = load(a) <= load(b) ? a : b;
        rest.remove(first);
        rest.sort(Comparator.comparingDouble(Balancer::load));
        rest.addFirst(first);
        return rest;
    }

    /**
     * Outstanding requests per unit of capacity, plus a small latency term to break ties between idle replicas, plus a
     * penalty worth one full backend of work when the server is known not to have the model loaded (loading a large
     * model takes seconds to minutes).
     */
    static double load(Route route) {
        Backend backend = route.backend();
        int capacity = backend.config().maxConcurrency();
        double outstanding = backend.inFlight().get() / (double) (capacity > 0 ? capacity : 8);
        double latency = backend.latency().expectedMillis();
        double loading = backend.mayHaveLoaded(route.model()) ? 0 : 1.0;
        return outstanding + loading + (Double.isNaN(latency) ? 0 : latency / 10_000.0);
    }
}
