package dev.hearth.privacy;

import java.util.List;

/** Test helper: what a recognizer or detector found, as "TYPE=value" strings in text order. */
public final class Found {
    private Found() {}

    public static List<String> by(Recognizer recognizer, String text) {
        return render(text, Detector.resolve(recognizer.find(text)));
    }

    public static List<String> by(Detector detector, String text) {
        return render(text, detector.detect(text));
    }

    /** Just the values. */
    public static List<String> values(Recognizer recognizer, String text) {
        return Detector.resolve(recognizer.find(text)).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    private static List<String> render(String text, List<Span> spans) {
        return spans.stream().map(s -> s.type() + "=" + text.substring(s.start(), s.end())).toList();
    }
}
