package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-dialect table: the same fake upstream reached directly and through Hearth in each client dialect (OpenAI
 * chat, Anthropic Messages, OpenAI Responses, Ollama), from {@code dialects-open.json} and {@code dialects-ttft.json}.
 * The "added" figures are against the direct calls of the same rounds.
 */
final class DialectReport {
    private DialectReport() {}

    static String render(JsonNode open, JsonNode ttft) {
        if (open == null && ttft == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n### Per client dialect (Hearth in front of the same fake upstream)\n\n");
        out.append("| Target | Latency p50 / p99, ms | Added p50 / p99, ms | Hearth CPU per request, µs (median"
                + " of rounds) | TTFT p50 / p99, ms | Added TTFT p50 / p99, ms | Errors |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        JsonNode names = (open != null ? open : ttft).path("all_rounds");
        for (var it = names.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String latency = "—";
            String added = "—";
            String cpu = "—";
            long errors = 0;
            if (open != null) {
                JsonNode l = open.path("all_rounds").path(name).path("latency_from_schedule");
                JsonNode d = open.path("all_rounds").path("direct").path("latency_from_schedule");
                latency = pair(l.path("p50_us"), l.path("p99_us"));
                added = name.equals("direct") ? "—" : diff(l, d);
                cpu = name.equals("direct") ? "—" : median(open.path("results").path(name));
                errors += errors(open.path("results").path(name));
            }
            String first = "—";
            String addedFirst = "—";
            if (ttft != null) {
                JsonNode t = ttft.path("all_rounds").path(name).path("ttft_from_schedule");
                JsonNode d = ttft.path("all_rounds").path("direct").path("ttft_from_schedule");
                first = pair(t.path("p50_us"), t.path("p99_us"));
                addedFirst = name.equals("direct") ? "—" : diff(t, d);
                errors += errors(ttft.path("results").path(name));
            }
            out.append("| ").append(name).append(" | ").append(latency).append(" | ").append(added).append(" | ")
                    .append(cpu).append(" | ").append(first).append(" | ").append(addedFirst).append(" | ")
                    .append(errors).append(" |\n");
        }
        if (open != null) {
            out.append("\nOpen loop at ").append(fmt("%.0f", open.path("rate_per_s").asDouble())).append(" req/s, ")
                    .append(open.path("rounds").asInt()).append(" rounds × ")
                    .append(fmt("%.0f", open.path("seconds_per_round").asDouble())).append(" s per target");
        }
        if (ttft != null) {
            out.append("; streaming at ").append(fmt("%.0f", ttft.path("rate_per_s").asDouble()))
                    .append(" streams/s, ").append(ttft.path("rounds").asInt()).append(" rounds × ")
                    .append(fmt("%.0f", ttft.path("seconds_per_round").asDouble())).append(" s per target");
        }
        return out.append(".\n").toString();
    }

    private static String pair(JsonNode p50, JsonNode p99) {
        return fmt("%.3f", p50.asDouble() / 1000) + " / " + fmt("%.3f", p99.asDouble() / 1000);
    }

    private static String diff(JsonNode target, JsonNode direct) {
        return fmt("%+.3f", (target.path("p50_us").asDouble() - direct.path("p50_us").asDouble()) / 1000) + " / "
                + fmt("%+.3f", (target.path("p99_us").asDouble() - direct.path("p99_us").asDouble()) / 1000);
    }

    private static String median(JsonNode rounds) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(r -> values.add(r.path("cpu").path("gateway").path("cpu_us_per_request").asDouble()));
        if (values.isEmpty()) {
            return "—";
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return fmt("%.1f", m);
    }

    private static long errors(JsonNode rounds) {
        long total = 0;
        for (JsonNode round : rounds) {
            total += round.path("errors").asLong();
        }
        return total;
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
