package dev.hearth.bench;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.ModelCatalogLoader;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.routing.RoutePlan;
import dev.hearth.routing.RoutePlanner;
import dev.hearth.routing.Strategy;
import dev.hearth.routing.quality.QualityModel;
import dev.hearth.routing.quality.QualityModelEstimator;
import dev.hearth.tokens.TokenCounter;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The routing decision path, in process: the route stage for an alias (eligibility with a real token count, the
 * shipped quality estimate, local-first ranking) against a concrete model, and the MiniLM embedding a retrained
 * embedding-based quality model would add, on prompts of three sizes with the decision path's head + tail word-piece
 * budget ({@link MiniLmPromptEmbedder}). Sample time, so JMH reports p50/p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingDecisionBenchmark {
    private static final String PROMPT = "Write a Java method that parses an ISO-8601 duration such as PT1H30M into"
            + " seconds, with unit tests for the edge cases: empty input, fractions of seconds, and negative values.";

    private RoutePlanner planner;
    private ChatRequest aliased;
    private ChatRequest concrete;
    private MiniLmEmbeddingEngine engine;
    private QualityModel quality;

    @Setup(Level.Trial)
    public void setUp() {
        Backend box = backend("box", Locality.LOCAL, "qwen2.5-coder:32b");
        Backend cloud = backend("openai", Locality.CLOUD, "gpt-4o-mini", "gpt-4o");
        ModelDirectory directory = new ModelDirectory(List.of(box, cloud), Map.of("auto", new AliasConfig(
                List.of("box/qwen2.5-coder:32b", "openai/gpt-4o-mini", "openai/gpt-4o"), Strategy.LOCAL_FIRST, 0.5)),
                ModelCatalogLoader.shipped());
        engine = new MiniLmEmbeddingEngine();
        engine.startLoading();
        engine.ready().join();
        quality = QualityModel.load(new MiniLmPromptEmbedder(engine));
        TokenCounter tokens = new TokenCounter();
        tokens.warmUp();
        planner = new RoutePlanner(directory, tokens, new QualityModelEstimator(quality));
        aliased = request("auto");
        concrete = request("gpt-4o");
        engine.embed(List.of("warm up"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    private static Backend backend(String name, Locality locality, String... models) {
        return new Backend(new BackendConfig(name, Protocol.OPENAI, URI.create("http://127.0.0.1:1/v1"), null,
                locality, List.of(models), 0), new BackendHealth(name, FailoverConfig.defaults()));
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, List.of(Message.text(Role.SYSTEM, "You are a careful engineer."),
                Message.text(Role.USER, PROMPT)), List.of(), null, null, Sampling.NONE, true, true, Map.of());
    }

    @Benchmark
    public RoutePlan aliasLocalFirst() {
        return planner.plan(aliased);
    }

    @Benchmark
    public RoutePlan concreteModel() {
        return planner.plan(concrete);
    }

    @Benchmark
    public double qualityScoreShipped() {
        return quality.score(PROMPT);
    }

    /** A user prompt of a realistic size and a word-piece budget for the embedding. */
    @State(Scope.Benchmark)
    public static class Sized {
        /** short: a one-line chat question; 1kb and 4kb: pasted logs, config and code, then the question. */
        @Param({"short", "1kb", "4kb"})
        public String size;

        /** Word pieces embedded, first + last: 24+8, 48+16 and 96+30 (the model's whole window). */
        @Param({"24+8", "48+16", "96+30"})
        public String budget;

        String prompt;
        int head;
        int tail;

        @Setup(Level.Trial)
        public void setUp() {
            prompt = switch (size) {
                case "short" -> "What is a good name for a cat that likes to sleep in the sun?";
                case "1kb" -> pasted(1024);
                case "4kb" -> pasted(4096);
                default -> throw new IllegalArgumentException(size);
            };
            String[] parts = budget.split("\\+");
            head = Integer.parseInt(parts[0]);
            tail = Integer.parseInt(parts[1]);
        }

        // Varied sentences (prose, a stack trace, settings, code) rather than one repeated word, so the tokenizer
        // sees the mix of word pieces a real pasted prompt has.
        private static String pasted(int chars) {
            String[] lines = {
                "The service restarts every night at two, and since the upgrade the first requests time out. ",
                "We run three replicas behind a load balancer with a health check on /ready once the cache is warm. ",
                "java.net.SocketTimeoutException: Read timed out at sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288) ",
                "The configuration sets connectTimeout=2s, readTimeout=30s and a pool of 50 connections per route. ",
                "for (int i = 0; i < retries; i++) { try { return client.send(request); } catch (IOException e) { sleep(i); } } ",
                "Customers in Europe see it more often than those in the US; a CDN sits in front of the API. ",
            };
            String question = " Why do the first requests after a restart time out, and how do I fix it?";
            StringBuilder text = new StringBuilder(chars);
            for (int i = 0; text.length() < chars - question.length(); i++) {
                text.append(lines[i % lines.length]);
            }
            text.setLength(chars - question.length());
            return text.append(question).toString();
        }
    }

    @Benchmark
    public double embeddingPlusQualityScore(Sized sized) {
        String input = quality.embeddingInput(sized.prompt);
        float[] vector = engine.embedBounded(input, sized.head, sized.tail);
        return quality.score(vector, sized.prompt);
    }
}
