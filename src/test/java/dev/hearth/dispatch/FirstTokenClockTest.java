package dev.hearth.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
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
import dev.hearth.provider.UpstreamListener;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import dev.hearth.tokens.TokenCounter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The first-token timeout measures the backend, not Hearth's own queue: it is armed when the adapter reports that
 * the request has its connection ({@link UpstreamListener#onDispatched()}), not when the attempt starts. In memory:
 * an adapter that holds the listener, and a scheduler whose timers fire only when the test says so.
 */
class FirstTokenClockTest {
    private static final Duration TOTAL = Duration.ofSeconds(20);
    private static final Duration FIRST_TOKEN = Duration.ofSeconds(5);
    private static final FailoverConfig FAILOVER = new FailoverConfig(0, TOTAL, Duration.ofSeconds(2), FIRST_TOKEN,
            Duration.ofSeconds(7), Duration.ofMillis(1), Duration.ofMillis(5), 50, 100, Duration.ofSeconds(30));
    private static final ChatRequest REQUEST = new ChatRequest("chat", List.of(Message.text(Role.USER, "hi")),
            List.of(), null, null, Sampling.NONE, false, false, Map.of());

    private record Timer(Duration delay, Runnable task) {}

    private final List<Timer> timers = new ArrayList<>();
    private UpstreamListener upstream;
    private final Sink sink = new Sink();

    private void dispatch() {
        Scheduler manual = new Scheduler() {
            @Override
            public Cancellable after(Duration delay, Runnable task) {
                timers.add(new Timer(delay, task));
                return () -> timers.removeIf(t -> t.task() == task);
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
        ProviderAdapter holding = new ProviderAdapter() {
            @Override
            public UpstreamCall streamChat(ChatRequest request, String model, UpstreamListener listener) {
                upstream = listener;
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
        BackendConfig config = new BackendConfig("box", Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                Locality.LOCAL, List.of("m"), 0);
        Route route = new Route(new Backend(config, new BackendHealth("box", FAILOVER)), "m", ModelInfo.unknown("m"));
        Dispatcher dispatcher = new Dispatcher(FAILOVER, manual, b -> holding, DispatchListener.NONE,
                new TokenCounter());
        dispatcher.dispatch("r1", REQUEST, new RoutePlan("chat", List.of(route), "hand-made", null, false),
                EgressGuard.NONE, sink, System.nanoTime());
    }

    private List<Duration> armed() {
        return timers.stream().map(Timer::delay).toList();
    }

    @Test
    void whileTheRequestWaitsForAConnectionOnlyTheTotalTimeoutRuns() {
        dispatch();
        assertThat(armed()).containsExactly(TOTAL);
    }

    @Test
    void onceDispatchedTheFirstTokenTimeoutRunsAndStillEndsASilentAttempt() {
        dispatch();
        upstream.onDispatched();
        assertThat(armed()).containsExactlyInAnyOrder(TOTAL, FIRST_TOKEN);

        timers.stream().filter(t -> t.delay().equals(FIRST_TOKEN)).findFirst().orElseThrow().task().run();

        assertThat(sink.error).isNotNull();
        assertThat(sink.error.message()).contains("no first token within 5000 ms");
    }

    @Test
    void theFirstEventDisarmsTheFirstTokenTimeout() {
        dispatch();
        upstream.onDispatched();
        upstream.onEvent(new StreamEvent.TextDelta(0, "ok"));
        assertThat(armed()).doesNotContain(FIRST_TOKEN);
        upstream.onComplete();
        assertThat(sink.completed).isTrue();
    }

    private static final class Sink implements ClientSink {
        GatewayError error;
        boolean completed;

        public void begin(Served s) {}

        public void event(StreamEvent event) {}

        public void complete(Usage usage) {
            completed = true;
        }

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
