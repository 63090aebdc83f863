package dev.hearth.privacy.eval;

import dev.hearth.privacy.Span;
import java.util.List;

/**
 * One evaluation example: a text and the spans a careful person would mark in it (offsets as in {@link Span}).
 *
 * @param id any identifier, echoed in reports
 */
public record LabeledText(String id, String text, List<Span> spans) {
    public LabeledText {
        spans = List.copyOf(spans);
        for (Span span : spans) {
            if (span.end() > text.length()) {
                throw new IllegalArgumentException("example " + id + ": span " + span.type() + " [" + span.start()
                        + ", " + span.end() + ") is past the end of the text (" + text.length() + " chars)");
            }
        }
    }
}
