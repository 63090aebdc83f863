package dev.hearth.provider.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real bundled model, loaded once for the class. */
class MiniLmEmbeddingEngineTest {

    private static final String CAT = "The cat sits on the mat";
    private static final String CAT_AGAIN = "A cat is sitting on a rug";
    private static final String REVENUE = "Quarterly revenue rose by 12 percent";

    private static MiniLmEmbeddingEngine engine;

    @BeforeAll
    static void loadModel() throws Exception {
        engine = new MiniLmEmbeddingEngine();
        engine.startLoading();
        engine.ready().get(2, TimeUnit.MINUTES);
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void loadedEngineReportsReady() {
        assertThat(engine.isReady()).isTrue();
        assertThat(engine.ready()).isCompleted();
    }

    @Test
    void loadingSwitchesTheTokenizerRuntimeOffline() {
        // Without these, DJL probes the EC2 metadata address and may send telemetry or download libraries.
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {CAT, "", "   ", "naïve café — 中文 🙂"})
    void everyVectorHas384DimensionsAndUnitLength(String input) {
        float[] vector = embedOne(input);

        assertThat(vector).hasSize(MiniLmEmbeddingEngine.DIMENSION);
        assertThat(Math.sqrt(dot(vector, vector))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        List<float[]> v = engine.embed(List.of(CAT, CAT_AGAIN, REVENUE)).vectors();

        double similar = dot(v.get(0), v.get(1));
        double unrelated = dot(v.get(0), v.get(2));
        assertThat(similar).isGreaterThan(unrelated + 0.2);
    }

    @Test
    void sameInputGivesAnIdenticalVector() {
        assertThat(embedOne(CAT)).isEqualTo(embedOne(CAT));
    }

    @Test
    void batchReturnsTheSameVectorsAsSingleCallsInInputOrder() {
        List<String> inputs = List.of(REVENUE, CAT, "", CAT_AGAIN, "Hearth keeps prompts on this machine.");

        List<float[]> batch = engine.embed(inputs).vectors();

        assertThat(batch).hasSize(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(batch.get(i)).as("inputs[%d]", i).isEqualTo(embedOne(inputs.get(i)));
        }
    }

    @Test
    void promptTokensCountWordPiecesWithoutTheMarkers() {
        // the / cat / sits / on / the / mat; "" reads only [CLS] and [SEP].
        assertThat(engine.embed(List.of(CAT)).promptTokens()).isEqualTo(6);
        assertThat(engine.embed(List.of("")).promptTokens()).isZero();
        assertThat(engine.embed(List.of(CAT, "", CAT)).promptTokens()).isEqualTo(12);
    }

    @Test
    void textBeyond126WordPiecesIsIgnored() {
        String head = "word ".repeat(126);

        EmbeddingResult result = engine.embed(List.of(head + "cats and mats", head + "revenue and dividends"));

        assertThat(result.vectors().get(0)).isEqualTo(result.vectors().get(1));
        assertThat(result.promptTokens()).isEqualTo(2 * (MiniLmModel.MAX_TOKENS - 2));
    }

    @Test
    void aBoundedEmbeddingOfATextWithinTheBudgetIsTheFullEmbedding() {
        assertThat(engine.embedBounded(CAT, 48, 16)).isEqualTo(engine.embed(List.of(CAT)).vectors().getFirst());
        assertThat(engine.embedBounded("", 48, 16)).isEqualTo(engine.embed(List.of("")).vectors().getFirst());
    }

    @Test
    void aBoundedEmbeddingReadsTheFirstAndLastWordPiecesOnly() {
        // Short enough to be tokenized whole: one two ... five keeps "one two" and "five".
        assertThat(engine.embedBounded("one two three four five", 2, 1))
                .isEqualTo(engine.embed(List.of("one two five")).vectors().getFirst());
        // Longer than the character windows: the middle is never tokenized, the ends still are.
        String filler = "filler ".repeat(300);
        assertThat(engine.embedBounded("alpha beta " + filler + "gamma omega", 2, 2))
                .isEqualTo(engine.embed(List.of("alpha beta gamma omega")).vectors().getFirst());
        // Unlike embed(), which reads only the head, the question at the end changes the vector.
        String pasted = "word ".repeat(200);
        assertThat(engine.embedBounded(pasted + "cats and mats", 48, 16))
                .isNotEqualTo(engine.embedBounded(pasted + "revenue and dividends", 48, 16));
        // A budget of only a head or only a tail reads that end of a long text.
        assertThat(engine.embedBounded("alpha beta " + filler, 2, 0))
                .isEqualTo(engine.embed(List.of("alpha beta")).vectors().getFirst());
        assertThat(engine.embedBounded(filler + "gamma omega", 0, 2))
                .isEqualTo(engine.embed(List.of("gamma omega")).vectors().getFirst());
    }

    @Test
    void aBoundedEmbeddingRejectsABudgetBeyondTheModelsWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> engine.embedBounded(CAT, 100, 27));
        assertThatIllegalArgumentException().isThrownBy(() -> engine.embedBounded(CAT, -1, 8));
    }

    @Test
    void textBeyondTheCharacterLimitIsNotRead() {
        String fitsExactly = " ".repeat(MiniLmModel.MAX_CHARS - 3) + "cat";
        String oneTooFar = " " + fitsExactly;

        assertThat(engine.embed(List.of(fitsExactly)).promptTokens()).isEqualTo(1);
        assertThat(engine.embed(List.of(oneTooFar)).promptTokens()).as("reads only \"ca\"").isEqualTo(1);
        assertThat(engine.embed(List.of(" ".repeat(MiniLmModel.MAX_CHARS) + "cat")).promptTokens()).isZero();
    }

    @Test
    void concurrentCallsGiveTheSameVectorsAsSequentialOnes() throws Exception {
        List<String> inputs = List.of(CAT, CAT_AGAIN, REVENUE, "", "The quick brown fox jumps over the lazy dog");
        List<float[]> sequential = engine.embed(inputs).vectors();

        List<Future<List<float[]>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int thread = 0; thread < 4; thread++) {
                futures.add(pool.submit(() -> {
                    List<float[]> last = null;
                    for (int round = 0; round < 10; round++) {
                        last = engine.embed(inputs).vectors();
                    }
                    return last;
                }));
            }
            for (Future<List<float[]>> future : futures) {
                List<float[]> concurrent = future.get(2, TimeUnit.MINUTES);
                for (int i = 0; i < inputs.size(); i++) {
                    assertThat(concurrent.get(i)).as("inputs[%d]", i).isEqualTo(sequential.get(i));
                }
            }
        }
    }

    @Test
    void rejectsAnEmptyListAndNullInputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> engine.embed(List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> engine.embed(Arrays.asList(CAT, null)))
                .withMessageContaining("inputs[1]");
        assertThatNullPointerException().isThrownBy(() -> engine.embed(null));
    }

    @Test
    void returnedVectorsBelongToTheCaller() {
        float[] first = embedOne(CAT);
        Arrays.fill(first, 0f);

        assertThat(embedOne(CAT)).isNotEqualTo(first);
    }

    private static float[] embedOne(String input) {
        return engine.embed(List.of(input)).vectors().getFirst();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
