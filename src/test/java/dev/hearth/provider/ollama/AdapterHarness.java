package dev.hearth.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs adapter calls the way Hearth does: from one Vert.x event-loop context, with an HTTP client of that Vert.x.
 * Tests wait for results with a timeout that only bounds a broken run; nothing here measures time.
 */
final class AdapterHarness implements AutoCloseable {
    static final int TIMEOUT_SECONDS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient();
    private final Context context = vertx.getOrCreateContext();

    HttpClient client() {
        return client;
    }

    /** Runs {@code action} on the event loop and returns its result. */
    <T> T onContext(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return await(result);
    }

    /** Lets everything already queued on the event loop run first. */
    void drain() {
        onContext(() -> null);
    }

    RecordingListener chat(ProviderAdapter adapter, ChatRequest request) {
        RecordingListener listener = new RecordingListener();
        onContext(() -> adapter.streamChat(request, "llama3.2", listener));
        return listener;
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    static UpstreamFailure failureOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpstreamException.class);
            return ((UpstreamException) e.getCause()).failure();
        } catch (Exception e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
        return fail("expected a failure");
    }

    /** Polls a condition that another thread brings about. */
    static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    static ChatRequest request(String text) {
        return new ChatRequest("local", List.of(Message.text(Role.USER, text)), List.of(), null, null,
                Sampling.NONE, true, false, Map.of());
    }

    static BackendConfig backend(URI baseUrl, Secret key) {
        return new BackendConfig("ollama", Protocol.OLLAMA, baseUrl, key, Locality.LOCAL, List.of(), 0);
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage());
    }
}
