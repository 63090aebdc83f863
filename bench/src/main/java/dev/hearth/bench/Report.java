package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders one run's JSON files (written by bench/run.sh into its output directory) as a Markdown table of the issue's
 * figures, each with its target and whether it was met. Missing files leave their rows out.
 */
final class Report {
    /** "200 MB" read strictly as 200 * 10^6 bytes. */
    private static final double IDLE_RSS_TARGET_KB = 200e6 / 1024;

    private final Path dir;
    private final StringBuilder out = new StringBuilder();

    private Report(Path dir) {
        this.dir = dir;
    }

    static String render(Path dir) throws IOException {
        return new Report(dir).build();
    }

    private JsonNode load(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Json.read(file) : null;
    }

    private String build() throws IOException {
        Path env = dir.resolve("env.txt");
        if (Files.exists(env)) {
            out.append("```\n").append(Files.readString(env).strip()).append("\n```\n\n");
        }
        out.append("| Figure | direct | nginx | Hearth | Target | Met? |\n");
        out.append("|---|---|---|---|---|---|\n");
        closed(load("closed.json"));
        open(load("open.json"));
        ttft(load("ttft.json"));
        memory(load("idle-nginx.json"), load("idle-hearth.json"), load("idle-after-load-nginx.json"),
                load("idle-after-load-hearth.json"));
        streams(load("streams-nginx.json"), load("streams-hearth.json"));
        startup(load("startup-bin-hearth.json"), load("startup-java-jar.json"), load("startup-embedded-on.json"));
        out.append(DialectReport.render(load("dialects-open.json"), load("dialects-ttft.json")));
        out.append('\n');
        noise();
        return out.toString();
    }

    // ------------------------------------------------------------------ rows

    private void closed(JsonNode closed) {
        if (closed == null) {
            return;
        }
        JsonNode r = closed.path("results");
        int rounds = closed.path("rounds").asInt();
        ToDoubleFunction<JsonNode> rps = n -> n.path("throughput_rps").asDouble();
        ToDoubleFunction<JsonNode> cpu = n -> n.path("cpu").path("gateway").path("cpu_us_per_request").asDouble();
        ToDoubleFunction<JsonNode> upstreamCpu = n -> n.path("cpu").path("upstream").path("cpu_us_per_request")
                .asDouble();
        double nginxRps = median(r.path("nginx"), rps);
        double hearthRps = median(r.path("hearth"), rps);
        row("Throughput at saturation, closed loop c=" + closed.path("concurrency").asInt() + ", req/s (median of "
                        + rounds + " rounds of " + closed.path("requests_per_round").asLong() + " requests [min–max])",
                spread(r.path("direct"), rps, "%.0f"), spread(r.path("nginx"), rps, "%.0f"),
                spread(r.path("hearth"), rps, "%.0f") + String.format(Locale.ROOT, " (%.2f× nginx)",
                        hearthRps / nginxRps),
                "Hearth ≥ ½ × nginx", met(hearthRps >= nginxRps / 2));
        double nginxCpu = median(r.path("nginx"), cpu);
        double hearthCpu = median(r.path("hearth"), cpu);
        row("Gateway CPU per request at saturation, µs (utime+stime over the measured requests; median [min–max])",
                "— (upstream: " + fmt("%.1f", median(r.path("direct"), upstreamCpu)) + ")",
                spread(r.path("nginx"), cpu, "%.1f"),
                spread(r.path("hearth"), cpu, "%.1f") + String.format(Locale.ROOT, " (%.2f× nginx)",
                        hearthCpu / nginxCpu),
                "Hearth ≤ 2 × nginx", met(hearthCpu <= 2 * nginxCpu));
        row("Hearth CPU per request at saturation by thread, µs (all rounds pooled)", "—", "—", threadSplit(
                r.path("hearth")), "—", "info");
        ToDoubleFunction<JsonNode> busiest = n -> n.path("cpu").path("gateway").path("busiest_thread_cores")
                .asDouble();
        ToDoubleFunction<JsonNode> whole = n -> n.path("cpu").path("gateway").path("cpu_cores_busy").asDouble();
        row("Gateway CPU at saturation, cores busy: whole process(es) / busiest single thread (median of rounds)",
                "—", fmt("%.2f", median(r.path("nginx"), whole)) + " / " + fmt("%.2f", median(r.path("nginx"),
                        busiest)), fmt("%.2f", median(r.path("hearth"), whole)) + " / " + fmt("%.2f",
                        median(r.path("hearth"), busiest)), "—", "info");
        row("Fake-upstream CPU per request at saturation, µs (Hearth always asks the upstream to stream)",
                fmt("%.1f", median(r.path("direct"), upstreamCpu)), fmt("%.1f", median(r.path("nginx"), upstreamCpu)),
                fmt("%.1f", median(r.path("hearth"), upstreamCpu)), "—", "info");
        ToDoubleFunction<JsonNode> p50 = n -> n.path("latency").path("p50_us").asDouble() / 1000;
        ToDoubleFunction<JsonNode> p99 = n -> n.path("latency").path("p99_us").asDouble() / 1000;
        row("Closed-loop latency at saturation p50 / p99, ms (median of rounds)",
                fmt("%.2f", median(r.path("direct"), p50)) + " / " + fmt("%.2f", median(r.path("direct"), p99)),
                fmt("%.2f", median(r.path("nginx"), p50)) + " / " + fmt("%.2f", median(r.path("nginx"), p99)),
                fmt("%.2f", median(r.path("hearth"), p50)) + " / " + fmt("%.2f", median(r.path("hearth"), p99)),
                "—", "info");
        errorsRow("closed loop", r);
    }

    private void open(JsonNode open) {
        if (open == null) {
            return;
        }
        JsonNode all = open.path("all_rounds");
        JsonNode r = open.path("results");
        String rate = fmt("%.0f", open.path("rate_per_s").asDouble());
        double d50 = ms(all.path("direct").path("latency_from_schedule").path("p50_us"));
        double d99 = ms(all.path("direct").path("latency_from_schedule").path("p99_us"));
        String[] cells = new String[3];
        String[] added = new String[3];
        String[] names = {"direct", "nginx", "hearth"};
        for (int i = 0; i < 3; i++) {
            JsonNode l = all.path(names[i]).path("latency_from_schedule");
            cells[i] = fmt("%.3f", ms(l.path("p50_us"))) + " / " + fmt("%.3f", ms(l.path("p99_us"))) + " / "
                    + fmt("%.2f", ms(l.path("p999_us")));
            added[i] = i == 0 ? "—" : signed(ms(l.path("p50_us")) - d50) + " / " + signed(ms(l.path("p99_us")) - d99)
                    + " (per round p99: " + roundDiffs(r, names[i], "latency_from_schedule", "p99_us") + ")";
        }
        row("Latency at " + rate + " req/s open loop, from scheduled send, p50 / p99 / p99.9, ms ("
                        + open.path("rounds").asInt() + " rounds × " + fmt("%.0f", open.path("seconds_per_round")
                        .asDouble()) + " s pooled)", cells[0], cells[1], cells[2], "—", "info");
        double hearthAdded99 = ms(all.path("hearth").path("latency_from_schedule").path("p99_us")) - d99;
        double noise = spreadMs(r.path("direct"), "latency_from_schedule", "p99_us");
        row("Added latency vs direct at " + rate + " req/s, p50 / p99, ms", added[0], added[1], added[2],
                "Hearth added p99 < 1 ms", noise > 1.0 ? met(hearthAdded99 < 1.0) + ", but inconclusive: direct's own"
                        + " p99 varied by " + fmt("%.1f", noise) + " ms between rounds" : met(hearthAdded99 < 1.0));
        ToDoubleFunction<JsonNode> cpu = n -> n.path("cpu").path("gateway").path("cpu_us_per_request").asDouble();
        row("Gateway CPU per request at " + rate + " req/s, µs (median of rounds [min–max])", "—",
                spread(r.path("nginx"), cpu, "%.1f"), spread(r.path("hearth"), cpu, "%.1f"), "—", "info");
        row("Load generator's own lateness at " + rate + " req/s (actual minus scheduled send), p50 / p99, ms", lag(
                all.path("direct")), lag(all.path("nginx")), lag(all.path("hearth")), "—", "info");
        errorsRow("open loop", r);
    }

    private void ttft(JsonNode ttft) {
        if (ttft == null) {
            return;
        }
        JsonNode all = ttft.path("all_rounds");
        JsonNode r = ttft.path("results");
        String[] names = {"direct", "nginx", "hearth"};
        String[] cells = new String[3];
        String[] added = new String[3];
        JsonNode direct = all.path("direct").path("ttft_from_schedule");
        for (int i = 0; i < 3; i++) {
            JsonNode t = all.path(names[i]).path("ttft_from_schedule");
            cells[i] = fmt("%.3f", ms(t.path("p50_us"))) + " / " + fmt("%.3f", ms(t.path("p99_us")));
            added[i] = i == 0 ? "—" : signed(ms(t.path("p50_us")) - ms(direct.path("p50_us"))) + " / "
                    + signed(ms(t.path("p99_us")) - ms(direct.path("p99_us"))) + " (per round p50: "
                    + roundDiffs(r, names[i], "ttft_from_schedule", "p50_us") + ")";
        }
        row("Time to first content byte, streaming, " + fmt("%.0f", ttft.path("rate_per_s").asDouble())
                + " streams/s open loop, p50 / p99, ms", cells[0], cells[1], cells[2], "—", "info");
        double hearthAdded = ms(all.path("hearth").path("ttft_from_schedule").path("p50_us"))
                - ms(direct.path("p50_us"));
        double noise = spreadMs(r.path("direct"), "ttft_from_schedule", "p50_us");
        row("Added time to first token vs direct, p50 / p99, ms", added[0], added[1], added[2],
                "Hearth added TTFT (p50) < 0.5 ms", noise > 0.5 ? met(hearthAdded < 0.5) + ", but inconclusive: direct's"
                        + " own p50 varied by " + fmt("%.2f", noise) + " ms between rounds" : met(hearthAdded < 0.5));
        errorsRow("streaming (TTFT)", r);
    }

    private void memory(JsonNode idleNginx, JsonNode idleHearth, JsonNode afterNginx, JsonNode afterHearth) {
        if (idleHearth != null) {
            double kb = idleHearth.path("rss_kb").asDouble();
            row("RSS at idle (after start-up and one request, +5 s), MiB", "—",
                    idleNginx == null ? "—" : mib(idleNginx.path("rss_kb")) + " (PSS " + mib(idleNginx.path("pss_kb"))
                            + ", master + workers)",
                    mib(idleHearth.path("rss_kb")) + " (" + idleHearth.path("threads").asInt() + " threads)",
                    "Hearth < 200 MB (190.7 MiB)", met(kb < IDLE_RSS_TARGET_KB));
        }
        if (afterHearth != null) {
            row("RSS at idle after the load phases, MiB", "—",
                    afterNginx == null ? "—" : mib(afterNginx.path("rss_kb")), mib(afterHearth.path("rss_kb")), "—",
                    "info");
        }
    }

    private void streams(JsonNode nginx, JsonNode hearth) {
        if (nginx == null && hearth == null) {
            return;
        }
        JsonNode any = hearth != null ? hearth : nginx;
        row("RSS with " + any.path("count").asInt() + " concurrent open streams, MiB: all client streams open (how"
                        + " many of them receiving tokens) [before]; peak", "—", streamRss(nginx), streamRss(hearth),
                "—", "info");
        row("Streams: most streaming at once / completed / errors (of " + any.path("count").asInt() + ")", "—",
                streamCounts(nginx), streamCounts(hearth), "all " + any.path("count").asInt() + " at once", met(
                        hearth != null && hearth.path("max_streaming_at_once").asInt() == hearth.path("count").asInt()
                                && hearth.path("errors").asInt() == 0));
        row("Streams: time from send to first content p50 / p99 / max, s", "—", streamWait(nginx), streamWait(hearth),
                "—", "info");
    }

    private void startup(JsonNode binHearth, JsonNode javaJar, JsonNode embedded) {
        if (binHearth != null) {
            row("Start-up to first 200 from /v1/chat/completions, `bin/hearth serve --config` (median of "
                            + binHearth.path("runs").size() + " [min–max]), ms", "—", "—",
                    startupCell(binHearth), "< 1,500 ms", met(binHearth.path("median_ms").asDouble() < 1500));
        }
        if (javaJar != null) {
            row("Start-up to first 200, `java <bin/hearth's flags> -jar target/hearth.jar serve` (median [min–max]),"
                    + " ms", "—", "—", startupCell(javaJar), "< 1,500 ms", met(javaJar.path("median_ms").asDouble()
                    < 1500));
        }
        if (binHearth != null && binHearth.has("median_rss_kb")) {
            row("RSS " + fmt("%.0f", binHearth.path("rss_after_seconds").asDouble()) + " s after the first 200 (fresh"
                            + " process, no other request; median), MiB", "—", "—",
                    mib(binHearth.path("median_rss_kb")), "< 200 MB", met(binHearth.path("median_rss_kb").asDouble()
                            < IDLE_RSS_TARGET_KB));
        }
        if (embedded != null) {
            row("With the in-process embedding model on (`discovery.embedded: true`, the default): start-up ms /"
                            + " RSS " + fmt("%.0f", embedded.path("rss_after_seconds").asDouble())
                            + " s after start, MiB (median)", "—", "—",
                    startupCell(embedded) + " / " + mib(embedded.path("median_rss_kb")), "< 1,500 ms / < 200 MB",
                    met(embedded.path("median_ms").asDouble() < 1500) + " / " + met(embedded.path("median_rss_kb")
                            .asDouble() < IDLE_RSS_TARGET_KB));
        }
    }

    private void noise() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : List.of("closed.json", "open.json", "ttft.json")) {
            JsonNode n = load(name);
            if (n == null) {
                continue;
            }
            List<Double> others = new ArrayList<>();
            List<Double> interrupts = new ArrayList<>();
            n.path("results").forEach(target -> target.forEach(round -> {
                others.add(round.path("cpu").path("machine").path("others_cores_busy").asDouble());
                interrupts.add(round.path("cpu").path("machine").path("irq_softirq_cores_busy").asDouble());
            }));
            double[] sorted = others.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] irq = interrupts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length > 0) {
                lines.add(String.format(Locale.ROOT, "%s: other processes %.2f–%.2f cores (median %.2f), irq+softirq"
                                + " %.2f–%.2f", name.replace(".json", ""), sorted[0], sorted[sorted.length - 1],
                        sorted[sorted.length / 2], irq[0], irq[irq.length - 1]));
            }
        }
        if (!lines.isEmpty()) {
            out.append("CPU used outside the three measured processes during the measured rounds, of ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores (other processes on the"
                            + " machine; irq+softirq is mostly the kernel delivering our own loopback packets): ")
                    .append(String.join("; ", lines)).append(".\n");
        }
    }

    // ------------------------------------------------------------------ helpers

    private void errorsRow(String what, JsonNode results) {
        long total = 0;
        StringBuilder first = new StringBuilder();
        for (JsonNode target : results) {
            for (JsonNode round : target) {
                total += round.path("errors").asLong();
                if (first.isEmpty() && !round.path("first_error").isNull() && round.has("first_error")) {
                    first.append(round.path("first_error").asText());
                }
            }
        }
        if (total > 0) {
            row("Errors in " + what, "", "", "", "0", total + " (first: " + first + ")");
        }
    }

    private void row(String figure, String direct, String nginx, String hearth, String target, String met) {
        out.append("| ").append(figure).append(" | ").append(direct).append(" | ").append(nginx).append(" | ")
                .append(hearth).append(" | ").append(target).append(" | ").append(met).append(" |\n");
    }

    private static String met(boolean ok) {
        return ok ? "**met**" : "**not met**";
    }

    private static double median(JsonNode rounds, ToDoubleFunction<JsonNode> f) {
        double[] v = values(rounds, f);
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[] values(JsonNode rounds, ToDoubleFunction<JsonNode> f) {
        List<Double> list = new ArrayList<>();
        rounds.forEach(n -> list.add(f.applyAsDouble(n)));
        double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }

    private static String spread(JsonNode rounds, ToDoubleFunction<JsonNode> f, String format) {
        double[] v = values(rounds, f);
        if (v.length == 0) {
            return "—";
        }
        return fmt(format, median(rounds, f)) + " [" + fmt(format, v[0]) + "–" + fmt(format, v[v.length - 1]) + "]";
    }

    /** Per round, target minus direct, for one percentile of one histogram, in ms. */
    private static String roundDiffs(JsonNode results, String name, String histogram, String percentile) {
        List<String> diffs = new ArrayList<>();
        JsonNode direct = results.path("direct");
        JsonNode target = results.path(name);
        for (int i = 0; i < Math.min(direct.size(), target.size()); i++) {
            diffs.add(signed(ms(target.get(i).path(histogram).path(percentile))
                    - ms(direct.get(i).path(histogram).path(percentile))));
        }
        return String.join(", ", diffs);
    }

    /** Max minus min, over the rounds, of one percentile of one histogram, in ms. */
    private static double spreadMs(JsonNode rounds, String histogram, String percentile) {
        double[] v = values(rounds, n -> ms(n.path(histogram).path(percentile)));
        return v.length == 0 ? 0 : v[v.length - 1] - v[0];
    }

    private static String lag(JsonNode target) {
        JsonNode l = target.path("send_lag");
        return fmt("%.3f", ms(l.path("p50_us"))) + " / " + fmt("%.3f", ms(l.path("p99_us")));
    }

    /** CPU of the gateway's threads, grouped: event loops, JIT compilers, GC (the VM thread runs the serial GC). */
    private static String threadSplit(JsonNode rounds) {
        java.util.Map<String, Double> groups = new java.util.LinkedHashMap<>();
        long requests = 0;
        for (JsonNode round : rounds) {
            requests += round.path("ok").asLong() + round.path("errors").asLong();
            var fields = round.path("cpu").path("gateway").path("cpu_ms_by_thread").fields();
            while (fields.hasNext()) {
                var e = fields.next();
                String name = e.getKey();
                String group = name.startsWith("vert.x-eventloo") ? "event loops"
                        : name.contains("CompilerThre") ? "JIT" : name.equals("VM Thread") ? "GC (VM thread)" : "other";
                groups.merge(group, e.getValue().asDouble(), Double::sum);
            }
        }
        long n = Math.max(1, requests);
        List<String> parts = new ArrayList<>();
        groups.forEach((group, ms) -> parts.add(group + " " + fmt("%.1f", ms * 1000 / n)));
        return String.join(", ", parts);
    }

    private static String streamRss(JsonNode s) {
        if (s == null) {
            return "—";
        }
        JsonNode at = s.path("rss_all_connected_kb");
        int streaming = s.path("streaming_when_all_connected").asInt();
        if (at.isNull() || at.isMissingNode()) {
            return "never all open; at the most streaming (" + s.path("max_streaming_at_once").asInt() + "): "
                    + mib(s.path("rss_at_max_streaming_kb")) + " [" + mib(s.path("rss_before_kb")) + "]";
        }
        double perStream = (at.asDouble() - s.path("rss_before_kb").asDouble()) / s.path("count").asInt();
        return mib(at) + " (" + streaming + " streaming) [" + mib(s.path("rss_before_kb")) + "]; peak "
                + mib(s.path("rss_peak_kb")) + "; ≈" + fmt("%.0f", perStream) + " KiB per open stream; "
                + s.path("threads_peak").asInt() + " threads";
    }

    private static String streamCounts(JsonNode s) {
        if (s == null) {
            return "—";
        }
        return s.path("max_streaming_at_once").asInt() + " / " + s.path("completed_ok").asInt() + " / "
                + s.path("errors").asInt() + (s.path("unfinished_at_deadline").asInt() > 0
                ? " (" + s.path("unfinished_at_deadline").asInt() + " unfinished)" : "");
    }

    private static String streamWait(JsonNode s) {
        if (s == null) {
            return "—";
        }
        JsonNode t = s.path("time_to_first_content");
        return fmt("%.2f", t.path("p50_us").asDouble() / 1e6) + " / " + fmt("%.2f", t.path("p99_us").asDouble() / 1e6)
                + " / " + fmt("%.2f", t.path("max_us").asDouble() / 1e6);
    }

    private static String startupCell(JsonNode s) {
        return fmt("%.0f", s.path("median_ms").asDouble()) + " [" + fmt("%.0f", s.path("min_ms").asDouble()) + "–"
                + fmt("%.0f", s.path("max_ms").asDouble()) + "]";
    }

    private static double ms(JsonNode micros) {
        return micros.asDouble() / 1000;
    }

    private static String signed(double ms) {
        return String.format(Locale.ROOT, "%+.3f", ms);
    }

    private static String mib(JsonNode kb) {
        return fmt("%.0f", kb.asDouble() / 1024);
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
