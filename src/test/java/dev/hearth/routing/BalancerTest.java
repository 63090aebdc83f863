package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Balancing replicas under a simulated load: work follows spare capacity, and local replicas come first. */
class BalancerTest {
    private static Backend backend(String name, Locality locality, int capacity) {
        return new Backend(new BackendConfig(name, Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                locality, List.of("m"), capacity), new BackendHealth(name, FailoverConfig.defaults()));
    }

    private static Route route(Backend backend) {
        return new Route(backend, "m", ModelInfo.unknown("m"));
    }

    @Test
    void workGoesWhereThereIsSpareCapacity() {
        Backend big = backend("big", Locality.LOCAL, 8);
        Backend small = backend("small", Locality.LOCAL, 2);
        Backend busy = backend("busy", Locality.LOCAL, 4);
        busy.inFlight().set(4);
        Balancer balancer = new Balancer(new SplittableRandom(7));
        List<Route> replicas = List.of(route(big), route(small), route(busy));
        Map<String, Integer> firstPicks = new HashMap<>();
        // Simulate 60 requests arriving while none finish: each pick adds to its backend's outstanding count.
        for (int i = 0; i < 60; i++) {
            Route first = balancer.order(replicas).getFirst();
            first.backend().inFlight().incrementAndGet();
            firstPicks.merge(first.backend().name(), 1, Integer::sum);
        }
        assertThat(firstPicks.getOrDefault("big", 0)).isGreaterThan(firstPicks.getOrDefault("small", 0));
        assertThat(firstPicks.getOrDefault("small", 0)).isGreaterThan(0);
        double bigLoad = big.inFlight().get() / 8.0;
        double smallLoad = small.inFlight().get() / 2.0;
        assertThat(Math.abs(bigLoad - smallLoad)).as("loads relative to capacity even out").isLessThan(2.0);
    }

    @Test
    void localReplicasComeBeforeCloudOnesAndEveryReplicaStaysInTheList() {
        Backend cloud = backend("cloud", Locality.CLOUD, 0);
        Backend a = backend("a", Locality.LOCAL, 1);
        Backend b = backend("b", Locality.LOCAL, 1);
        a.inFlight().set(5);
        b.inFlight().set(5);
        List<Route> ordered = new Balancer(new SplittableRandom(1)).order(List.of(route(cloud), route(a), route(b)));
        assertThat(ordered).extracting(r -> r.backend().name()).containsExactlyInAnyOrder("a", "b", "cloud");
        assertThat(ordered.getLast().backend().name()).isEqualTo("cloud");
    }

    @Test
    void aReplicaKnownNotToHaveTheModelLoadedIsTriedAfterOnesThatMayHaveIt() {
        Backend cold = backend("cold", Locality.LOCAL, 4);
        Backend warm = backend("warm", Locality.LOCAL, 4);
        cold.loaded(java.util.Set.of("other-model"));
        warm.loaded(java.util.Set.of("m"));
        Balancer balancer = new Balancer(new SplittableRandom(3));
        for (int i = 0; i < 20; i++) {
            assertThat(balancer.order(List.of(route(cold), route(warm))).getFirst().backend().name()).isEqualTo("warm");
        }
        cold.loaded(null); // a failed poll: nothing known, no preference
        assertThat(Balancer.load(route(cold))).isEqualTo(Balancer.load(route(warm)));
    }
}
