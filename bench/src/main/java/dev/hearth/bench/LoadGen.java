package dev.hearth.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The load scenarios. Each one warms the target up, measures a bounded amount of work and returns its figures; CPU is
 * read from /proc for the trees named by {@code --gateway-pids} and {@code --upstream-pids} (and this process) right
 * before and right after the measured phase.
 *
 * <ul>
 *   <li>{@link #closed}: closed loop, {@code --concurrency} requests always in flight, a fixed {@code --requests}
 *       count: throughput at saturation and CPU per request.</li>
 *   <li>{@link #open}: open loop, a fixed timetable at {@code --rate} per second; latency is measured from each
 *       request's scheduled send time, so a stalled target is charged for the queue it causes (no coordinated
 *       omission).</li>
 *   <li>{@link #ttft}: the open loop with streaming requests; time from the scheduled send to the first byte of
 *       content ("Hello").</li>
 *   <li>{@link #streams}: {@code --count} long-lived streams opened over {@code --ramp-seconds}; resident memory
 *       of the target while they are open.</li>
 * </ul>
 */
final class LoadGen {
    static final String TEXT = "Hello from the fake";
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(10);

    private LoadGen() {}

    static Buffer body(String model, boolean stream) {
        return Dialect.OPENAI_CHAT.body(model, stream);
    }

    /** The body for {@code target}'s dialect (chosen by its path). */
    static Buffer body(Lanes.Target target, String model, boolean stream) {
        return Dialect.of(target).body(model, stream);
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return out;
        }
        out.put("mean_us", h.getMean() / 1000.0);
        out.put("p50_us", h.getValueAtPercentile(50) / 1000.0);
        out.put("p90_us", h.getValueAtPercentile(90) / 1000.0);
        out.put("p99_us", h.getValueAtPercentile(99) / 1000.0);
        out.put("p999_us", h.getValueAtPercentile(99.9) / 1000.0);
        out.put("max_us", h.getMaxValue() / 1000.0);
        return out;
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST, 3);
    }

    private static void record(Histogram h, long nanos) {
        h.recordValue(Math.min(Math.max(nanos, 0), HIGHEST));
    }

    // ---------------------------------------------------------------- targets and rounds

    /** One thing to load: a name, the URL to POST to, and the process trees whose CPU it costs. */
    record Named(String name, Lanes.Target target, String url, List<Long> pids) {}

    /**
     * {@code --targets "name|url|pid,pid;name|url|pids|model;..."}: measured in turn, in rotating order, each round.
     * The optional fourth field is the model the closed and open loops' requests name (default {@code fake-model}).
     */
    static List<Named> targets(Args args) {
        List<Named> out = new ArrayList<>();
        for (String spec : args.required("targets").split(";")) {
            if (spec.isBlank()) {
                continue;
            }
            String[] parts = spec.trim().split("\\|");
            Lanes.Target target = parts.length > 3 ? Lanes.Target.of(parts[1], parts[3]) : Lanes.Target.of(parts[1]);
            out.add(new Named(parts[0], target, parts[1],
                    Proc.parsePids(parts.length > 2 ? parts[2] : "")));
        }
        return out;
    }

    private static Map<String, List<Long>> trees(Named target, Args args) {
        Map<String, List<Long>> trees = new LinkedHashMap<>();
        trees.put("gateway", target.pids());
        trees.put("upstream", Proc.parsePids(args.str("upstream-pids", "")));
        trees.put("loadgen", List.of(ProcessHandle.current().pid()));
        return trees;
    }

    /** Round {@code round} visits the targets starting at a different one each time, so no target is always first. */
    private static List<Named> order(List<Named> targets, int round) {
        List<Named> rotated = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            rotated.add(targets.get((i + round) % targets.size()));
        }
        return rotated;
    }

    private static Map<String, Object> header(String scenario, Args args, List<Named> targets, int rounds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("rounds", rounds);
        Map<String, Object> described = new LinkedHashMap<>();
        targets.forEach(t -> described.put(t.name(), Map.of("url", t.url(), "pids", t.pids())));
        out.put("targets", described);
        out.put("upstream_pids", Proc.parsePids(args.str("upstream-pids", "")));
        return out;
    }

    // ---------------------------------------------------------------- closed loop

    static Map<String, Object> closed(Args args) {
        List<Named> targets = targets(args);
        int concurrency = args.integer("concurrency", 64);
        long requests = args.number("requests", 40_000);
        long warmup = args.number("warmup-requests", 10_000);
        double maxSeconds = args.decimal("max-seconds", 60);
        int loops = args.integer("loops", 2);
        int rounds = args.integer("rounds", 3);
        Map<String, Object> out = header("closed", args, targets, rounds);
        out.put("concurrency", concurrency);
        out.put("requests_per_round", requests);
        out.put("warmup_requests", warmup);
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        try (Lanes lanes = Lanes.start(loops, (concurrency + loops - 1) / loops, 60)) {
            for (Named t : targets) {
                ClosedResult warm = closedRun(lanes, t.target(), concurrency, warmup, maxSeconds);
                System.err.println("closed warm-up " + t.name() + ": " + warm.ok + " ok, " + warm.errors + " errors"
                        + (warm.firstError == null ? "" : " (" + warm.firstError + ")"));
                results.put(t.name(), new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (Named t : order(targets, round)) {
                    Map<String, List<Long>> trees = trees(t, args);
                    Proc.Snapshot before = Proc.Snapshot.of(trees);
                    ClosedResult run = closedRun(lanes, t.target(), concurrency, requests, maxSeconds);
                    Proc.Snapshot after = Proc.Snapshot.of(trees);
                    double seconds = (after.nanos() - before.nanos()) / 1e9;
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("round", round + 1);
                    one.put("ok", run.ok);
                    one.put("errors", run.errors);
                    one.put("first_error", run.firstError);
                    one.put("seconds", seconds);
                    one.put("throughput_rps", run.ok / seconds);
                    one.put("latency", percentiles(run.latency));
                    one.put("cpu", after.since(before, run.ok + run.errors));
                    results.get(t.name()).add(one);
                    System.err.printf("closed round %d %-8s %8.0f req/s, gateway %s us/req, others %.2f cores%n",
                            round + 1, t.name(), run.ok / seconds, path(one, "cpu", "gateway", "cpu_us_per_request"),
                            (Double) path(one, "cpu", "machine", "others_cores_busy"));
                }
            }
        }
        out.put("results", results);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> map, String... keys) {
        Object at = map;
        for (String key : keys) {
            at = ((Map<String, Object>) at).get(key);
        }
        return at;
    }

    record ClosedResult(long ok, long errors, String firstError, Histogram latency) {}

    private static ClosedResult closedRun(Lanes lanes, Lanes.Target target, int concurrency, long requests,
            double maxSeconds) {
        AtomicLong remaining = new AtomicLong(requests);
        List<ClosedLane> workers = new ArrayList<>();
        int loops = lanes.lanes.size();
        for (int i = 0; i < loops; i++) {
            int share = concurrency / loops + (i < concurrency % loops ? 1 : 0);
            ClosedLane worker = new ClosedLane(lanes.lanes.get(i), target, remaining);
            workers.add(worker);
            worker.lane.run(() -> worker.start(share));
        }
        Future<Void> all = Future.all(workers.stream().map(w -> w.done.future()).toList()).mapEmpty();
        try {
            all.toCompletionStage().toCompletableFuture().get((long) (maxSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException late) {
            System.err.println("closed loop: time limit of " + maxSeconds + " s reached, stopping");
            remaining.set(Long.MIN_VALUE / 2);
            Lanes.await(all);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Histogram latency = histogram();
        long ok = 0;
        long errors = 0;
        String firstError = null;
        for (ClosedLane worker : workers) {
            latency.add(worker.latency);
            ok += worker.ok;
            errors += worker.errors;
            firstError = firstError != null ? firstError : worker.firstError;
        }
        return new ClosedResult(ok, errors, firstError, latency);
    }

    /** One event loop's share of the closed loop; confined to that loop. */
    private static final class ClosedLane {
        final Lanes.Lane lane;
        final Lanes.Target target;
        final AtomicLong remaining;
        final Histogram latency = histogram();
        final Promise<Void> done = Promise.promise();
        long ok;
        long errors;
        String firstError;
        int inFlight;

        ClosedLane(Lanes.Lane lane, Lanes.Target target, AtomicLong remaining) {
            this.lane = lane;
            this.target = target;
            this.remaining = remaining;
        }

        void start(int concurrency) {
            for (int i = 0; i < concurrency; i++) {
                next();
            }
        }

        void next() {
            if (remaining.getAndDecrement() <= 0) {
                if (inFlight == 0) {
                    done.tryComplete();
                }
                return;
            }
            inFlight++;
            long started = System.nanoTime();
            lane.post(target, body(target, target.model(), false))
                    .compose(resp -> resp.body().map(b -> check(resp, b)))
                    .onComplete(ar -> {
                        inFlight--;
                        if (ar.succeeded() && ar.result() == null) {
                            ok++;
                            record(latency, System.nanoTime() - started);
                        } else {
                            errors++;
                            if (firstError == null) {
                                firstError = ar.failed() ? String.valueOf(ar.cause()) : ar.result();
                            }
                        }
                        next();
                    });
        }
    }

    /** Null when the answer is a 200 carrying the fake's text, else what is wrong with it. */
    static String check(HttpClientResponse response, Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            return "status " + response.statusCode() + ": " + text.substring(0, Math.min(300, text.length()));
        }
        return text.contains(TEXT) ? null : "unexpected body: " + text.substring(0, Math.min(300, text.length()));
    }

    // ---------------------------------------------------------------- open loop (non-streaming and TTFT)

    static Map<String, Object> open(Args args) {
        return openScenario(args, false);
    }

    static Map<String, Object> ttft(Args args) {
        return openScenario(args, true);
    }

    private static Map<String, Object> openScenario(Args args, boolean streaming) {
        List<Named> targets = targets(args);
        double rate = args.decimal("rate", streaming ? 200 : 1000);
        double seconds = args.decimal("seconds", streaming ? 5 : 10);
        double warmupSeconds = args.decimal("warmup-seconds", 3);
        double warmupRate = args.decimal("warmup-rate", rate);
        int loops = args.integer("loops", 1);
        int rounds = args.integer("rounds", 3);
        int maxConnections = args.integer("max-connections", 512);
        Map<String, Object> out = header(streaming ? "ttft" : "open", args, targets, rounds);
        out.put("rate_per_s", rate);
        out.put("seconds_per_round", seconds);
        out.put("warmup_seconds", warmupSeconds);
        out.put("warmup_rate_per_s", warmupRate);
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        Map<String, OpenResult> merged = new LinkedHashMap<>();
        try (Lanes lanes = Lanes.start(loops, maxConnections, 60)) {
            for (Named t : targets) {
                OpenResult warm = openRun(lanes, t.target(), warmupRate, (long) (warmupRate * warmupSeconds),
                        streaming);
                System.err.println((streaming ? "ttft" : "open") + " warm-up " + t.name() + ": " + warm.ok + " ok, "
                        + warm.errors + " errors" + (warm.firstError == null ? "" : " (" + warm.firstError + ")"));
                results.put(t.name(), new ArrayList<>());
                merged.put(t.name(), new OpenResult(0, 0, null, histogram(), histogram(), histogram(), histogram()));
            }
            for (int round = 0; round < rounds; round++) {
                for (Named t : order(targets, round)) {
                    Map<String, List<Long>> trees = trees(t, args);
                    Proc.Snapshot before = Proc.Snapshot.of(trees);
                    OpenResult run = openRun(lanes, t.target(), rate, (long) (rate * seconds), streaming);
                    Proc.Snapshot after = Proc.Snapshot.of(trees);
                    Map<String, Object> one = describe(run, streaming);
                    one.put("round", round + 1);
                    one.put("achieved_rate_per_s", (run.ok + run.errors) / ((after.nanos() - before.nanos()) / 1e9));
                    one.put("cpu", after.since(before, run.ok + run.errors));
                    results.get(t.name()).add(one);
                    OpenResult all = merged.get(t.name());
                    all.primary.add(run.primary);
                    all.secondary.add(run.secondary);
                    all.total.add(run.total);
                    all.lag.add(run.lag);
                    merged.put(t.name(), new OpenResult(all.ok + run.ok, all.errors + run.errors,
                            all.firstError != null ? all.firstError : run.firstError, all.primary, all.secondary,
                            all.total, all.lag));
                    System.err.printf("%s round %d %-8s p50 %s us p99 %s us, errors %d, gateway %s us/req, others %.2f"
                                    + " cores%n", streaming ? "ttft" : "open", round + 1, t.name(),
                            path(one, streaming ? "ttft_from_schedule" : "latency_from_schedule", "p50_us"),
                            path(one, streaming ? "ttft_from_schedule" : "latency_from_schedule", "p99_us"),
                            run.errors, path(one, "cpu", "gateway", "cpu_us_per_request"),
                            (Double) path(one, "cpu", "machine", "others_cores_busy"));
                }
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        merged.forEach((name, run) -> all.put(name, describe(run, streaming)));
        out.put("all_rounds", all);
        out.put("results", results);
        return out;
    }

    private static Map<String, Object> describe(OpenResult run, boolean streaming) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("ok", run.ok);
        one.put("errors", run.errors);
        one.put("first_error", run.firstError);
        if (streaming) {
            one.put("ttft_from_schedule", percentiles(run.primary));
            one.put("ttft_from_send", percentiles(run.secondary));
            one.put("total_from_schedule", percentiles(run.total));
        } else {
            one.put("latency_from_schedule", percentiles(run.primary));
            one.put("latency_from_send", percentiles(run.secondary));
        }
        one.put("send_lag", percentiles(run.lag));
        return one;
    }

    record OpenResult(long ok, long errors, String firstError, Histogram primary, Histogram secondary,
            Histogram total, Histogram lag) {}

    private static OpenResult openRun(Lanes lanes, Lanes.Target target, double rate, long count, boolean streaming) {
        int loops = lanes.lanes.size();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        double period = 1e9 / rate;
        List<OpenLane> workers = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            OpenLane worker = new OpenLane(lanes.lanes.get(i), target, start, period, i, loops, count, streaming);
            workers.add(worker);
            worker.lane.run(worker::tick);
        }
        Lanes.await(Future.all(workers.stream().map(w -> w.done.future()).toList()));
        Histogram primary = histogram();
        Histogram secondary = histogram();
        Histogram total = histogram();
        Histogram lag = histogram();
        long ok = 0;
        long errors = 0;
        String firstError = null;
        for (OpenLane w : workers) {
            primary.add(w.primary);
            secondary.add(w.secondary);
            total.add(w.total);
            lag.add(w.lag);
            ok += w.ok;
            errors += w.errors;
            firstError = firstError != null ? firstError : w.firstError;
        }
        return new OpenResult(ok, errors, firstError, primary, secondary, total, lag);
    }

    /**
     * One event loop's share of the timetable: request {@code i} is due at {@code start + i * period}; this lane sends
     * indices {@code index, index + lanes, ...}. A timer wakes the loop at the next due time and everything due is
     * sent then, so a late loop catches up and the delay still counts from the due time.
     */
    private static final class OpenLane {
        final Lanes.Lane lane;
        final Lanes.Target target;
        final long start;
        final double period;
        final int step;
        final long count;
        final boolean streaming;
        final Promise<Void> done = Promise.promise();
        final Histogram primary = histogram();
        final Histogram secondary = histogram();
        final Histogram total = histogram();
        final Histogram lag = histogram();
        long next;
        long ok;
        long errors;
        String firstError;
        int inFlight;
        boolean allSent;

        OpenLane(Lanes.Lane lane, Lanes.Target target, long start, double period, int index, int step, long count,
                boolean streaming) {
            this.lane = lane;
            this.target = target;
            this.start = start;
            this.period = period;
            this.next = index;
            this.step = step;
            this.count = count;
            this.streaming = streaming;
        }

        long due(long index) {
            return start + (long) (index * period);
        }

        void tick() {
            long now = System.nanoTime();
            while (next < count && due(next) <= now) {
                send(due(next));
                next += step;
            }
            if (next < count) {
                lane.schedule(due(next) - System.nanoTime(), this::tick);
            } else {
                allSent = true;
                finishIfDone();
            }
        }

        void finishIfDone() {
            if (allSent && inFlight == 0) {
                done.tryComplete();
            }
        }

        void send(long scheduled) {
            inFlight++;
            long sent = System.nanoTime();
            record(lag, sent - scheduled);
            if (streaming) {
                sendStreaming(scheduled, sent);
                return;
            }
            lane.post(target, body(target, target.model(), false))
                    .compose(resp -> resp.body().map(b -> check(resp, b)))
                    .onComplete(ar -> {
                        long end = System.nanoTime();
                        if (ar.succeeded() && ar.result() == null) {
                            ok++;
                            record(primary, end - scheduled);
                            record(secondary, end - sent);
                        } else {
                            failed(ar.failed() ? String.valueOf(ar.cause()) : ar.result());
                        }
                        inFlight--;
                        finishIfDone();
                    });
        }

        void failed(String why) {
            errors++;
            if (firstError == null) {
                firstError = why;
            }
        }

        void sendStreaming(long scheduled, long sent) {
            StreamWatch watch = new StreamWatch(Dialect.of(target));
            lane.post(target, body(target, "ttft-model", true)).onComplete(ar -> {
                if (ar.failed()) {
                    end(watch, ar.cause().toString());
                    return;
                }
                HttpClientResponse resp = ar.result();
                if (resp.statusCode() != 200) {
                    resp.body().onComplete(b -> end(watch, "status " + resp.statusCode()));
                    return;
                }
                resp.exceptionHandler(err -> end(watch, err.toString()));
                resp.handler(chunk -> {
                    if (watch.feed(chunk)) {
                        long now = System.nanoTime();
                        record(primary, now - scheduled);
                        record(secondary, now - sent);
                    }
                });
                resp.endHandler(v -> {
                    if (watch.firstContentNanos == 0 || !watch.sawDone) {
                        end(watch, "stream ended without " + (watch.firstContentNanos == 0 ? "content" : watch.dialect.done));
                        return;
                    }
                    record(total, System.nanoTime() - scheduled);
                    end(watch, null);
                });
            });
        }

        void end(StreamWatch watch, String error) {
            if (watch.ended) {
                return;
            }
            watch.ended = true;
            if (error == null) {
                ok++;
            } else {
                failed(error);
            }
            inFlight--;
            finishIfDone();
        }
    }

    /**
     * Follows one streamed answer: when the first content ("Hello") arrives and whether the dialect's end marker
     * ({@code [DONE]}, {@code message_stop}, ...) closed it.
     */
    static final class StreamWatch {
        private final Dialect dialect;
        private final StringBuilder head = new StringBuilder();
        private String tail = "";
        long firstContentNanos;
        boolean sawDone;
        boolean ended;
        int chunks;

        StreamWatch(Dialect dialect) {
            this.dialect = dialect;
        }

        /** True when this chunk completes the first content. */
        boolean feed(Buffer chunk) {
            chunks++;
            String text = chunk.toString(StandardCharsets.UTF_8);
            String window = tail + text;
            sawDone = sawDone || window.contains(dialect.done);
            tail = window.substring(Math.max(0, window.length() - 32));
            if (firstContentNanos != 0) {
                return false;
            }
            head.append(text);
            if (head.indexOf(dialect.firstContent) >= 0) {
                firstContentNanos = System.nanoTime();
                head.setLength(0);
                return true;
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- many open streams

    static Map<String, Object> streams(Args args) throws InterruptedException {
        Lanes.Target target = Lanes.Target.of(args.required("url"));
        int count = args.integer("count", 5000);
        double rampSeconds = args.decimal("ramp-seconds", 5);
        double deadlineSeconds = args.decimal("deadline-seconds", 90);
        int loops = args.integer("loops", 2);
        long sampleMillis = args.number("sample-ms", 500);
        List<Long> gateway = Proc.parsePids(args.str("gateway-pids", ""));
        StreamCounters c = new StreamCounters();
        long rssBefore = Proc.rssKb(gateway);
        long pssBefore = Proc.pssKb(gateway);
        long threadsBefore = Proc.threads(gateway);
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> timeline = new ArrayList<>();
        try (Lanes lanes = Lanes.start(loops, count, 300)) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            double period = rampSeconds * 1e9 / count;
            List<StreamOpener> openers = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                StreamOpener opener = new StreamOpener(lanes.lanes.get(i), target, start, period, i, loops, count, c);
                openers.add(opener);
                opener.lane.run(opener::tick);
            }
            long rssAllOpen = -1;
            long pssAllOpen = -1;
            double allOpenAt = -1;
            long peakRss = rssBefore;
            long peakThreads = threadsBefore;
            long rssAtMaxActive = -1;
            long rssAllConnected = -1;
            int streamingWhenAllConnected = 0;
            int maxActiveSampled = 0;
            long deadline = start + (long) (deadlineSeconds * 1e9);
            long lastLogged = 0;
            while (System.nanoTime() < deadline) {
                Thread.sleep(sampleMillis);
                double t = (System.nanoTime() - start) / 1e9;
                long rss = Proc.rssKb(gateway);
                long threads = Proc.threads(gateway);
                peakRss = Math.max(peakRss, rss);
                peakThreads = Math.max(peakThreads, threads);
                int active = c.active.get();
                if (active > maxActiveSampled) {
                    maxActiveSampled = active;
                    rssAtMaxActive = rss;
                }
                if (c.sent.get() - c.ended.get() == count && rss > rssAllConnected) {
                    rssAllConnected = rss;
                    streamingWhenAllConnected = active;
                }
                if (rssAllOpen < 0 && active == count) {
                    rssAllOpen = rss;
                    pssAllOpen = Proc.pssKb(gateway);
                    allOpenAt = t;
                }
                if (System.nanoTime() - lastLogged > TimeUnit.SECONDS.toNanos(1)) {
                    lastLogged = System.nanoTime();
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("t_s", Math.round(t * 10) / 10.0);
                    point.put("sent", c.sent.get());
                    point.put("open_connections", c.sent.get() - c.ended.get());
                    point.put("first_content", c.firstContent.get());
                    point.put("streaming", active);
                    point.put("completed", c.completed.get());
                    point.put("errors", c.errors.get());
                    point.put("rss_kb", rss);
                    point.put("threads", threads);
                    timeline.add(point);
                    System.err.println("streams " + point);
                }
                if (c.ended.get() == count) {
                    break;
                }
            }
            Histogram firstContent = histogram();
            for (StreamOpener opener : openers) {
                Lanes.await(opener.snapshot()).forEach(h -> firstContent.add(h));
            }
            out.put("scenario", "streams");
            out.put("label", args.str("label", ""));
            out.put("url", args.required("url"));
            out.put("count", count);
            out.put("ramp_seconds", rampSeconds);
            out.put("sent", c.sent.get());
            out.put("got_first_content", c.firstContent.get());
            out.put("max_streaming_at_once", c.maxActive.get());
            out.put("max_open_connections", c.maxOpen.get());
            out.put("completed_ok", c.completed.get());
            out.put("errors", c.errors.get());
            out.put("unfinished_at_deadline", count - c.ended.get());
            out.put("first_error", c.firstError.get());
            out.put("all_streaming_at_s", allOpenAt < 0 ? null : allOpenAt);
            out.put("time_to_first_content", percentiles(firstContent));
            out.put("rss_before_kb", rssBefore);
            out.put("pss_before_kb", pssBefore);
            out.put("threads_before", threadsBefore);
            out.put("rss_all_streaming_kb", rssAllOpen < 0 ? null : rssAllOpen);
            out.put("pss_all_streaming_kb", pssAllOpen < 0 ? null : pssAllOpen);
            out.put("rss_at_max_streaming_kb", rssAtMaxActive);
            out.put("rss_all_connected_kb", rssAllConnected < 0 ? null : rssAllConnected);
            out.put("streaming_when_all_connected", streamingWhenAllConnected);
            out.put("rss_peak_kb", peakRss);
            out.put("threads_peak", peakThreads);
            out.put("timeline", timeline);
        }
        return out;
    }

    static final class StreamCounters {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger firstContent = new AtomicInteger();
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger maxActive = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
    }

    /** Opens one lane's share of the streams on a timetable and follows each to its end. */
    private static final class StreamOpener {
        final Lanes.Lane lane;
        final Lanes.Target target;
        final long start;
        final double period;
        final int step;
        final int count;
        final StreamCounters c;
        final Histogram firstContent = histogram();
        int next;

        StreamOpener(Lanes.Lane lane, Lanes.Target target, long start, double period, int index, int step, int count,
                StreamCounters c) {
            this.lane = lane;
            this.target = target;
            this.start = start;
            this.period = period;
            this.next = index;
            this.step = step;
            this.count = count;
            this.c = c;
        }

        Future<List<Histogram>> snapshot() {
            Promise<List<Histogram>> copy = Promise.promise();
            lane.run(() -> copy.complete(List.of(firstContent.copy())));
            return copy.future();
        }

        void tick() {
            long now = System.nanoTime();
            while (next < count && start + (long) (next * period) <= now) {
                open();
                next += step;
            }
            if (next < count) {
                lane.schedule(start + (long) (next * period) - System.nanoTime(), this::tick);
            }
        }

        void open() {
            c.sent.incrementAndGet();
            c.maxOpen.accumulateAndGet(c.sent.get() - c.ended.get(), Math::max);
            long sent = System.nanoTime();
            StreamWatch watch = new StreamWatch(Dialect.OPENAI_CHAT);
            boolean[] streaming = {false};
            lane.post(target, body("slow-model", true)).onComplete(ar -> {
                if (ar.failed()) {
                    end(watch, streaming, ar.cause().toString());
                    return;
                }
                HttpClientResponse resp = ar.result();
                if (resp.statusCode() != 200) {
                    resp.body().onComplete(b -> end(watch, streaming, "status " + resp.statusCode() + " "
                            + (b.succeeded() ? b.result().toString() : "")));
                    return;
                }
                resp.exceptionHandler(err -> end(watch, streaming, err.toString()));
                resp.handler(chunk -> {
                    if (watch.feed(chunk)) {
                        record(firstContent, System.nanoTime() - sent);
                        c.firstContent.incrementAndGet();
                        streaming[0] = true;
                        c.maxActive.accumulateAndGet(c.active.incrementAndGet(), Math::max);
                    }
                });
                resp.endHandler(v -> end(watch, streaming, watch.firstContentNanos != 0 && watch.sawDone ? null
                        : "stream ended early after " + watch.chunks + " chunks"));
            });
        }

        void end(StreamWatch watch, boolean[] streaming, String error) {
            if (watch.ended) {
                return;
            }
            watch.ended = true;
            if (streaming[0]) {
                c.active.decrementAndGet();
            }
            c.ended.incrementAndGet();
            if (error == null) {
                c.completed.incrementAndGet();
            } else {
                c.errors.incrementAndGet();
                c.firstError.compareAndSet(null, error);
            }
        }
    }
}
