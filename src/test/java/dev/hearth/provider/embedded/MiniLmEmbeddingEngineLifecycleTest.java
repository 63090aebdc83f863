package dev.hearth.provider.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Loading, failure and closing, driven through a stand-in loader; no timing assumptions. */
class MiniLmEmbeddingEngineLifecycleTest {

    private static final long WAIT_MINUTES = 1;

    private final CountDownLatch loaderEntered = new CountDownLatch(1);
    private final CountDownLatch releaseLoader = new CountDownLatch(1);
    private final AtomicInteger loads = new AtomicInteger();

    /** A loader that blocks until released, then fails with {@code failure}. */
    private Callable<MiniLmModel> blockingLoaderFailingWith(Exception failure) {
        return () -> {
            loads.incrementAndGet();
            loaderEntered.countDown();
            releaseLoader.await();
            throw failure;
        };
    }

    @Test
    void startLoadingReturnsWhileTheModelIsStillLoading() throws Exception {
        IOException failure = new IOException("stand-in");
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine(blockingLoaderFailingWith(failure))) {
            engine.startLoading();

            assertThat(loaderEntered.await(WAIT_MINUTES, TimeUnit.MINUTES)).isTrue();
            assertThat(engine.isReady()).isFalse();
            assertThat(engine.ready()).isNotDone();

            releaseLoader.countDown();
            assertThatThrownBy(() -> engine.ready().get(WAIT_MINUTES, TimeUnit.MINUTES))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
        }
    }

    @Test
    void loadingRunsOnceOnADaemonPlatformThread() throws Exception {
        AtomicReference<Thread> loaderThread = new AtomicReference<>();
        Callable<MiniLmModel> loader = () -> {
            loads.incrementAndGet();
            loaderThread.set(Thread.currentThread());
            throw new IOException("stand-in");
        };
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine(loader)) {
            engine.startLoading();
            engine.startLoading();
            awaitSettled(engine);
            engine.startLoading();

            assertThat(loads).hasValue(1);
            assertThat(loaderThread.get().isDaemon()).isTrue();
            assertThat(loaderThread.get().isVirtual()).isFalse();
            assertThat(loaderThread.get()).isNotSameAs(Thread.currentThread());
        }
    }

    @Test
    void embedStartsTheLoadAndReportsItsFailureAsTheCause() {
        UnsatisfiedLinkError failure = new UnsatisfiedLinkError("stand-in");
        Callable<MiniLmModel> loader = () -> {
            loads.incrementAndGet();
            throw failure;
        };
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine(loader)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> engine.embed(List.of("hello")))
                    .withCause(failure);
            assertThatIllegalStateException()
                    .isThrownBy(() -> engine.embed(List.of("hello")))
                    .withCause(failure);

            assertThat(loads).as("a failed load is not retried").hasValue(1);
            assertThat(engine.ready()).isCompletedExceptionally();
            assertThat(engine.isReady()).isFalse();
        }
    }

    @Test
    void anInterruptedWaitThrowsCancellationAndKeepsTheInterruptFlag() throws Exception {
        try (MiniLmEmbeddingEngine engine =
                new MiniLmEmbeddingEngine(blockingLoaderFailingWith(new IOException("stand-in")))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    engine.embed(List.of("hello"));
                } catch (RuntimeException e) {
                    thrown.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            assertThat(loaderEntered.await(WAIT_MINUTES, TimeUnit.MINUTES)).isTrue();

            caller.interrupt();
            caller.join(TimeUnit.MINUTES.toMillis(WAIT_MINUTES));

            assertThat(thrown.get()).isInstanceOf(CancellationException.class);
            assertThat(stillInterrupted).isTrue();
            releaseLoader.countDown();
        }
    }

    @Test
    void closingWhileLoadingDiscardsTheLoadedModel() throws Exception {
        Callable<MiniLmModel> loader = () -> {
            loaderEntered.countDown();
            releaseLoader.await();
            return MiniLmModel.load();
        };
        MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine(loader);
        engine.startLoading();
        assertThat(loaderEntered.await(WAIT_MINUTES, TimeUnit.MINUTES)).isTrue();

        engine.close();
        releaseLoader.countDown();

        assertThatThrownBy(() -> engine.ready().get(WAIT_MINUTES, TimeUnit.MINUTES))
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed while loading");
        assertThat(engine.isReady()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> engine.embed(List.of("hello")));
    }

    @Test
    void closingBeforeLoadingSettlesReadyAndNeverLoads() {
        MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine(blockingLoaderFailingWith(new IOException()));

        engine.close();
        engine.startLoading();
        engine.close();

        assertThat(engine.ready()).isCompletedExceptionally();
        assertThat(engine.isReady()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> engine.embed(List.of("hello")));
        assertThat(loads).hasValue(0);
    }

    private static void awaitSettled(MiniLmEmbeddingEngine engine) throws Exception {
        try {
            engine.ready().get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException expected) {
            // Settled either way; the test asserts on what happened.
        }
    }
}
