package dev.hearth.privacy.devset;

import dev.hearth.privacy.Span;
import java.util.ArrayList;
import java.util.List;

/** Builds one dev-set text piece by piece, recording the exact offsets of every labelled value. */
final class LabeledDoc {
    private final StringBuilder text = new StringBuilder();
    private final List<Span> spans = new ArrayList<>();

    LabeledDoc plain(String piece) {
        text.append(piece);
        return this;
    }

    LabeledDoc labeled(String type, String value) {
        int start = text.length();
        text.append(value);
        spans.add(new Span(type, start, text.length()));
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }
}
