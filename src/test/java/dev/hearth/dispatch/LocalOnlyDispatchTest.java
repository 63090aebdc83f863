package dev.hearth.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import dev.hearth.routing.Strategy;
import dev.hearth.tokens.TokenCounter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The invariant where dispatch enforces it, independently of the planner: a plan marked local-only never launches an
 * attempt on a cloud route, even when a hand-made plan lists cloud routes first, every local attempt fails, backoff
 * rounds follow and hedging is configured. In memory: adapters that fail or answer at once, timers that fire at once.
 */
class LocalOnlyDispatchTest {
    private static final FailoverConfig FAILOVER = new FailoverConfig(3, Duration.ofSeconds(20), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(5), 50, 100,
            Duration.ofSeconds(30));
    private static final ChatRequest REQUEST = new ChatRequest("chat", List.of(Message.text(Role.USER, "hi")),
            List.of(), null, null, Sampling.NONE, false, false, Map.of());

    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Boolean> failing = new HashMap<>();
    private final Map<String, Boolean> breakingAfterContent = new HashMap<>();

    /** Answers "ok" at once, or fails with a 503 at once when its backend is marked failing. */
    private ProviderAdapter adapter(String backend) {
        return new ProviderAdapter() {
            @Override
            public UpstreamCall streamChat(ChatRequest request, String model, UpstreamListener listener) {
                calls.merge(backend, 1, Integer::sum);
                if (breakingAfterContent.getOrDefault(backend, false)) {
                    listener.onEvent(new StreamEvent.TextDelta(0, "partial"));
                    listener.onFailure(UpstreamFailure.of(UpstreamFailure.Kind.CONNECTION, "reset"));
                } else if (failing.getOrDefault(backend, false)) {
                    listener.onFailure(new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, 503, null, "down",
                            null));
                } else {
                    listener.onEvent(new StreamEvent.TextDelta(0, "ok"));
                    listener.onComplete();
                }
                return new UpstreamCall() {
                    public void pause() {}

                    public void resume() {}

                    public void cancel() {}
                };
            }

            @Override
            public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, String model) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletionStage<List<String>> listModels() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Route route(String name, Locality locality) {
        BackendConfig config = new BackendConfig(name, Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                locality, List.of("m"), 0);
        return new Route(new Backend(config, new BackendHealth(name, FAILOVER)), "m", ModelInfo.unknown("m"));
    }

    private RecordingSink run(RoutePlan plan) {
        return run(plan, REQUEST);
    }

    private RecordingSink run(RoutePlan plan, ChatRequest request) {
        Scheduler immediate = new Scheduler() {
            @Override
            public Cancellable after(Duration delay, Runnable task) {
                if (delay.compareTo(Duration.ofSeconds(1)) < 0) {
                    task.run(); // backoff and hedge timers: at once; attempt timeouts: never
                }
                return () -> { };
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
        Dispatcher dispatcher = new Dispatcher(FAILOVER, immediate, b -> adapter(b.name()), DispatchListener.NONE,
                new TokenCounter());
        RecordingSink sink = new RecordingSink();
        dispatcher.dispatch("r1", request, plan, EgressGuard.NONE, sink, System.nanoTime());
        return sink;
    }

    private static AliasConfig hedged() {
        return new AliasConfig(List.of(), Strategy.ORDERED, 0.5, Duration.ofMillis(10));
    }

    @Test
    void aLocalOnlyPlanSkipsCloudRoutesEvenWhenTheyComeFirst() {
        RecordingSink sink = run(new RoutePlan("chat", List.of(route("cloud", Locality.CLOUD),
                route("box", Locality.LOCAL)), "hand-made", hedged(), true));
        assertThat(calls).doesNotContainKey("cloud").containsEntry("box", 1);
        assertThat(sink.served.route().backend().name()).isEqualTo("box");
        assertThat(sink.served.reason()).contains("cloud/m withheld (local-only)");
    }

    @Test
    void whenEveryLocalAttemptFailsThroughAllRoundsNoCloudRouteIsEverTried() {
        failing.put("box", true);
        RecordingSink sink = run(new RoutePlan("chat", List.of(route("box", Locality.LOCAL),
                route("cloud", Locality.CLOUD), route("cloud2", Locality.CLOUD)), "hand-made", hedged(), true));
        assertThat(calls).containsOnlyKeys("box").containsEntry("box", 1 + FAILOVER.maxRetries());
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
    }

    @Test
    void aLocalOnlyPlanWithOnlyCloudRoutesIsRefusedWithoutAnyAttempt() {
        RecordingSink sink = run(new RoutePlan("chat", List.of(route("cloud", Locality.CLOUD)), "hand-made", null,
                true));
        assertThat(calls).isEmpty();
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(sink.error.code()).isEqualTo("privacy_local_only");
    }

    @Test
    void aMidStreamContinuationNeverCarriesALocalOnlyAnswerToTheCloud() {
        breakingAfterContent.put("box", true);
        ChatRequest streaming = new ChatRequest("chat", List.of(Message.text(Role.USER, "hi")), List.of(), null, null,
                Sampling.NONE, true, false, Map.of());
        AliasConfig continuing = new AliasConfig(List.of(), Strategy.ORDERED, 0.5, null, true);
        RecordingSink sink = run(new RoutePlan("chat", List.of(route("box", Locality.LOCAL),
                route("cloud", Locality.CLOUD)), "hand-made", continuing, true), streaming);
        assertThat(calls).containsOnlyKeys("box");
        assertThat(sink.error.code()).isEqualTo("stream_interrupted");
    }

    @Test
    void withoutTheFlagTheSamePlanFailsOverToTheCloud() {
        failing.put("box", true);
        RecordingSink sink = run(new RoutePlan("chat", List.of(route("box", Locality.LOCAL),
                route("cloud", Locality.CLOUD)), "hand-made", null, false));
        assertThat(calls).containsEntry("cloud", 1);
        assertThat(sink.served.route().backend().name()).isEqualTo("cloud");
    }

    private static final class RecordingSink implements ClientSink {
        Served served;
        GatewayError error;
        final List<StreamEvent> events = new ArrayList<>();

        public void begin(Served s) {
            served = s;
        }

        public void event(StreamEvent event) {
            events.add(event);
        }

        public void complete(Usage usage) {}

        public void fail(GatewayError e) {
            error = e;
        }

        public boolean writeQueueFull() {
            return false;
        }

        public void onDrain(Runnable resume) {}

        public void onClientGone(Runnable cancel) {}
    }
}
