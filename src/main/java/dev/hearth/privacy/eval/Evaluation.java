package dev.hearth.privacy.eval;

import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a {@link Detector} against labelled examples, per span type, per {@link DataClass} and overall.
 *
 * <p>Matching: a detected span is a true positive when it overlaps a not yet matched labelled span of the same type
 * (boundaries may differ, e.g. a title kept or dropped). A labelled span is leaked when the union of all detected
 * spans, whatever their type, does not cover every one of its chars: that is what masking would let through.
 *
 * <p>Stateless; the result never contains any text from the examples.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Per-type scores, sorted by type name. */
    public static Map<String, TypeScore> byType(Detector detector, List<LabeledText> examples) {
        Map<String, TypeScore> scores = new TreeMap<>();
        for (LabeledText example : examples) {
            List<Span> detected = detector.detect(example.text());
            boolean[] covered = coverage(example.text().length(), detected);
            boolean[] used = new boolean[example.spans().size()];
            for (Span span : detected) {
                boolean hit = false;
                for (int g = 0; g < example.spans().size() && !hit; g++) {
                    Span gold = example.spans().get(g);
                    if (!used[g] && gold.type().equals(span.type()) && gold.overlaps(span)) {
                        used[g] = true;
                        hit = true;
                    }
                }
                add(scores, new TypeScore(span.type(), 0, 1, hit ? 1 : 0, 0));
            }
            for (Span gold : example.spans()) {
                add(scores, new TypeScore(gold.type(), 1, 0, 0, fullyCovered(covered, gold) ? 0 : 1));
            }
        }
        return scores;
    }

    /** Scores summed per data class. */
    public static Map<DataClass, TypeScore> byClass(Map<String, TypeScore> byType) {
        Map<DataClass, TypeScore> classes = new TreeMap<>();
        for (TypeScore score : byType.values()) {
            DataClass dataClass = SpanTypes.dataClass(score.type());
            TypeScore renamed = new TypeScore(dataClass.name(), score.gold(), score.predicted(),
                    score.truePositives(), score.leaked());
            classes.merge(dataClass, renamed, TypeScore::plus);
        }
        return classes;
    }

    /** All types summed. */
    public static TypeScore overall(Map<String, TypeScore> byType) {
        TypeScore total = new TypeScore("ALL", 0, 0, 0, 0);
        for (TypeScore score : byType.values()) {
            total = total.plus(score);
        }
        return total;
    }

    /** A fixed-width table: per type, per class, overall. Numbers only. */
    public static String table(Map<String, TypeScore> byType) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-26s %6s %6s %6s %9s %7s %6s %6s", "type", "gold", "found", "tp", "precision",
                "recall", "f2", "leak"));
        byType.values().forEach(s -> lines.add(row(s)));
        lines.add("");
        byClass(byType).values().forEach(s -> lines.add(row(s)));
        lines.add(row(overall(byType)));
        return String.join("\n", lines) + "\n";
    }

    private static String row(TypeScore s) {
        return String.format("%-26s %6d %6d %6d %9.3f %7.3f %6.3f %6.3f", s.type(), s.gold(), s.predicted(),
                s.truePositives(), s.precision(), s.recall(), s.f2(), s.leakRate());
    }

    private static void add(Map<String, TypeScore> scores, TypeScore score) {
        scores.merge(score.type(), score, TypeScore::plus);
    }

    private static boolean[] coverage(int length, List<Span> detected) {
        boolean[] covered = new boolean[length];
        for (Span span : detected) {
            Arrays.fill(covered, span.start(), span.end(), true);
        }
        return covered;
    }

    private static boolean fullyCovered(boolean[] covered, Span gold) {
        for (int i = gold.start(); i < gold.end(); i++) {
            if (!covered[i]) {
                return false;
            }
        }
        return true;
    }
}
