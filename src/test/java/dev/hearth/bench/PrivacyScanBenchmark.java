package dev.hearth.bench;

import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.devset.DevSetGenerator;
import dev.hearth.privacy.eval.LabeledText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The privacy scan of one prompt with the standard detectors (the ones serve and {@code privacy scan} use), for 1 KB,
 * 4 KB and 64 KB of text. Sample time, so JMH reports p50/p99; MB/s per core follows from size / time.
 *
 * <p>Two corpora: {@code mixed} repeats a few paragraphs of prose, code and sensitive values (one text per size);
 * {@code devset} joins the generated dev-set texts (the ones {@code hearth privacy eval} scores, denser in dates, ids
 * and values) and cuts them into chunks of the size, each call scanning the next chunk, so the percentiles span the
 * whole set rather than one lucky or unlucky chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrivacyScanBenchmark {
    private static final String[] PARAGRAPHS = {
        "Hi team, the quarterly review moved to Thursday. Please send comments to maria.lopez@example.com or call"
                + " +1 415 555 0142 before noon. ",
        "The patient was prescribed metformin 500 mg twice daily after being diagnosed with type 2 diabetes (E11.9). ",
        "def load(path):\n    with open(path) as f:\n        return json.load(f)  # config for the build pipeline\n",
        "Wire the refund to DE89 3704 0044 0532 0130 00 and reference invoice 2024-118 in the memo line. ",
        "export DATABASE_URL=postgres://app:s3cr3t-passw0rd@db.internal:5432/orders\n",
        "Our roadmap for next year focuses on reliability, faster builds and clearer documentation for new users. ",
    };

    @Param({"1024", "4096", "65536"})
    int bytes;

    @Param({"mixed", "devset"})
    String corpus;

    private Detector detector;
    private List<String> chunks;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        detector = Detectors.standard();
        chunks = corpus.equals("devset") ? devSetChunks(bytes) : List.of(mixed(bytes));
        chunks.forEach(detector::detect);
    }

    @Benchmark
    public List<Span> scan() {
        String text = chunks.get(next);
        next = next + 1 == chunks.size() ? 0 : next + 1;
        return detector.detect(text);
    }

    private static String mixed(int bytes) {
        StringBuilder out = new StringBuilder(bytes + 200);
        for (int i = 0; out.length() < bytes; i++) {
            out.append(PARAGRAPHS[i % PARAGRAPHS.length]);
        }
        return out.substring(0, bytes);
    }

    /** The dev set joined as one document and cut into whole chunks of {@code bytes} chars (the tail is dropped). */
    private static List<String> devSetChunks(int bytes) {
        String all = DevSetGenerator.generate(DevSetGenerator.SEED, DevSetGenerator.SIZE).stream()
                .map(LabeledText::text).collect(Collectors.joining("\n\n"));
        List<String> out = new ArrayList<>();
        for (int from = 0; from + bytes <= all.length(); from += bytes) {
            out.add(all.substring(from, from + bytes));
        }
        return out;
    }
}
