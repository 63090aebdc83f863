package dev.hearth.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Known model families: context window, capabilities and price. Looks a served model name up by exact id, then by
 * the longest catalog id it starts with once provider prefixes ("openai/"), Ollama tags (":32b") and date
 * suffixes ("-2024-08-06") are set aside — so "qwen2.5-coder:32b" finds "qwen2.5-coder" and
 * "gpt-4o-mini-2024-07-18" finds "gpt-4o-mini", never "gpt-4o". Immutable and thread-safe.
 */
public final class ModelCatalog {
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{4}-?\\d{2}-?\\d{2}$|-\\d{4}$|-latest$");

    private final Map<String, ModelInfo> byId;
    private final List<String> idsLongestFirst;

    public ModelCatalog(List<ModelInfo> models) {
        this.byId = models.stream().collect(Collectors.toUnmodifiableMap(m -> m.id().toLowerCase(Locale.ROOT),
                m -> m, (a, b) -> b));
        this.idsLongestFirst = byId.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static ModelCatalog empty() {
        return new ModelCatalog(List.of());
    }

    /** The entry for a served model name; {@link ModelInfo#unknown} when nothing matches. */
    public ModelInfo lookup(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        ModelInfo exact = byId.get(name);
        if (exact != null) {
            return exact;
        }
        String base = normalise(name);
        ModelInfo normalised = byId.get(base);
        if (normalised != null) {
            return normalised;
        }
        for (String id : idsLongestFirst) {
            if (base.startsWith(id) && boundary(base, id.length())) {
                return byId.get(id);
            }
        }
        return ModelInfo.unknown(model);
    }

    private static String normalise(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int tag = base.indexOf(':');
        if (tag > 0) {
            base = base.substring(0, tag);
        }
        return DATE_SUFFIX.matcher(base).replaceFirst("");
    }

    /** "gpt-4o" must not match "gpt-4o-mini": a prefix counts only at a version or size boundary. */
    private static boolean boundary(String name, int end) {
        if (end == name.length()) {
            return true;
        }
        String rest = name.substring(end);
        return rest.matches("[-.:_](instruct|chat|it|preview|\\d[\\w.]*b|q\\d.*|fp16|gguf|awq|gptq)([-.:_].*)?");
    }

    public int size() {
        return byId.size();
    }
}
