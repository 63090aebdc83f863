package dev.hearth.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.routing.QualityEstimator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class QualityOffloadTest {
    private static final ChatRequest REQUEST = new ChatRequest("auto", List.of(Message.text(Role.USER, "hi")),
            List.of(), null, null, Sampling.NONE, false, false, Map.of());

    @Test
    void anEstimateInTimeIsUsedAndComputedOffTheCallersThread() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        QualityEstimator estimator = request -> {
            thread.set(Thread.currentThread().getName());
            return 0.7;
        };
        try (QualityOffload offload = new QualityOffload(estimator, Duration.ofSeconds(10), 1)) {
            assertThat(offload.estimate(REQUEST, 0.1).get(10, TimeUnit.SECONDS)).isEqualTo(0.7);
        }
        assertThat(thread.get()).startsWith("quality-estimate-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aSlowEstimateGivesWayToTheFallbackAtTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        QualityEstimator stuck = request -> {
            await(release);
            return 0.9;
        };
        try (QualityOffload offload = new QualityOffload(stuck, Duration.ofMillis(20), 1)) {
            long started = System.nanoTime();
            assertThat(offload.estimate(REQUEST, 0.3).get(10, TimeUnit.SECONDS)).isEqualTo(0.3);
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingEstimateGivesTheFallback() throws Exception {
        QualityEstimator failing = request -> {
            throw new IllegalStateException("embedding model is unavailable");
        };
        try (QualityOffload offload = new QualityOffload(failing, Duration.ofSeconds(10), 1)) {
            assertThat(offload.estimate(REQUEST, 0.4).get(10, TimeUnit.SECONDS)).isEqualTo(0.4);
        }
    }

    @Test
    void anEstimateQueuedPastItsDeadlineIsNeverComputed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<ChatRequest> computed = new CopyOnWriteArrayList<>();
        ChatRequest first = request("first");
        QualityEstimator estimator = request -> {
            computed.add(request);
            if (request == first) {
                await(release);
            }
            return 0.9;
        };
        try (QualityOffload offload = new QualityOffload(estimator, Duration.ofMillis(20), 1)) {
            var blocking = offload.estimate(first, 0.2);
            var queued = offload.estimate(request("queued"), 0.2);
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(0.2);
            assertThat(blocking.get(10, TimeUnit.SECONDS)).isEqualTo(0.2);
            release.countDown();
            // The one thread is free again at once; give it ample time to reach the queued estimate.
            Thread.sleep(300);
            assertThat(computed).containsExactly(first);
        } finally {
            release.countDown();
        }
    }

    private static ChatRequest request(String text) {
        return new ChatRequest("auto", List.of(Message.text(Role.USER, text)), List.of(), null, null, Sampling.NONE,
                false, false, Map.of());
    }

    @Test
    void afterCloseEveryEstimateIsTheFallback() throws Exception {
        QualityOffload offload = new QualityOffload(request -> 0.8, Duration.ofSeconds(10), 1);
        offload.close();
        assertThat(offload.estimate(REQUEST, 0.25).get(10, TimeUnit.SECONDS)).isEqualTo(0.25);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
