package dev.hearth.privacy.guard;

import dev.hearth.model.ChatRequest;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces the sensitive spans of a request with placeholders, for a cloud attempt. Plain texts get the placeholder in
 * place of the span; tool-call arguments (JSON text) stay valid JSON: a span inside a string is widened to whole
 * escape sequences and its decoded value is what the placeholder stands for, and a bare token it touches (a card
 * number written as a JSON number) becomes a quoted placeholder. Stateless; each call returns a new mapping.
 */
public final class Masker {

    /** The masked request, the mapping that restores the answer, and how many spans were replaced. */
    public record Masked(ChatRequest request, Placeholders placeholders, int spans) {}

    private Masker() {}

    /**
     * Masks the spans of {@code inspection} whose data class is in {@code classes}.
     *
     * @param inspection the inspection of exactly this request (slots are matched by visiting order)
     */
    public static Masked mask(ChatRequest request, Inspection inspection, Set<DataClass> classes) {
        Placeholders placeholders = new Placeholders(reservedTokens(request));
        int[] count = {0};
        ChatRequest masked = RequestTexts.rewrite(request, (slot, text) -> {
            List<Span> spans = selected(inspection.spans(slot.index()), classes);
            if (spans.isEmpty()) {
                return text;
            }
            count[0] += spans.size();
            return slot.kind() == RequestTexts.Kind.JSON ? maskJson(text, spans, placeholders)
                    : maskText(text, spans, placeholders);
        });
        return new Masked(masked, placeholders, count[0]);
    }

    private static List<Span> selected(List<Span> spans, Set<DataClass> classes) {
        if (spans.isEmpty()) {
            return spans;
        }
        List<Span> out = new ArrayList<>(spans.size());
        for (Span span : spans) {
            if (classes.contains(span.dataClass())) {
                out.add(span);
            }
        }
        return out;
    }

    private static String maskText(String text, List<Span> spans, Placeholders placeholders) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start());
            out.append(placeholders.placeholder(span.type(), text.substring(span.start(), span.end())));
            at = span.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static String maskJson(String json, List<Span> spans, Placeholders placeholders) {
        StringBuilder out = new StringBuilder(json.length());
        int at = 0;
        for (JsonText.Region region : JsonText.regions(json, spans)) {
            out.append(json, at, region.start());
            String raw = json.substring(region.start(), region.end());
            if (region.quote()) {
                out.append('"').append(placeholders.placeholder(region.type(), raw)).append('"');
            } else {
                out.append(placeholders.placeholder(region.type(), JsonText.unescape(raw)));
            }
            at = region.end();
        }
        return out.append(json, at, json.length()).toString();
    }

    /** Placeholder-shaped tokens the request already contains, which must keep their meaning. */
    private static Set<String> reservedTokens(ChatRequest request) {
        Set<String> reserved = new HashSet<>();
        RequestTexts.forEach(request, (slot, text) -> {
            if (text.contains("<<")) {
                reserved.addAll(Placeholders.tokensIn(text));
            }
        });
        return reserved;
    }
}
