package dev.hearth.routing.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text blocks that recur across many training prompts (few-shot worked examples, fixed instructions), removed before
 * a prompt is embedded.
 *
 * <p>Why: the embedding reads only a bounded head and tail of a prompt (48 + 16 word pieces on the decision path, see
 * {@code MiniLmPromptEmbedder}; MiniLM itself reads at most 126). RouterBench's ARC and Winogrande prompts
 * open with the same five worked examples, so without this step every prompt of a dataset gets the same vector and
 * the router can only learn the dataset. A block is a run of text between blank lines; it is boilerplate when it
 * occurs verbatim in at least {@link #MIN_SHARE} of the training prompts and in at least {@link #MIN_PROMPTS} of them.
 * The blocks are learned without labels and shipped in the weights file, so users retraining on their own prompts
 * learn their own templates.
 *
 * <p>Immutable and thread-safe.
 */
final class Boilerplate {
    static final double MIN_SHARE = 0.01;
    static final int MIN_PROMPTS = 10;

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\r]*\\n");

    private final Set<String> blocks;

    Boilerplate(Iterable<String> blocks) {
        this.blocks = new LinkedHashSet<>();
        blocks.forEach(this.blocks::add);
    }

    static Boilerplate none() {
        return new Boilerplate(List.of());
    }

    /** The blocks found in enough of {@code prompts}, in order of first appearance. */
    static Boilerplate learn(List<String> prompts) {
        Map<String, Integer> promptsWith = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String prompt : prompts) {
            for (String block : new LinkedHashSet<>(split(prompt))) {
                if (promptsWith.merge(block, 1, Integer::sum) == 1) {
                    order.add(block);
                }
            }
        }
        int needed = Math.max(MIN_PROMPTS, (int) Math.ceil(MIN_SHARE * prompts.size()));
        return new Boilerplate(order.stream().filter(b -> !b.isBlank() && promptsWith.get(b) >= needed).toList());
    }

    /** The blocks, in the order the weights file lists them. */
    List<String> blocks() {
        return List.copyOf(blocks);
    }

    /** What is left of a prompt once its boilerplate blocks are removed, and how many were. */
    record Stripped(String question, int removed) {}

    /**
     * Removes every boilerplate block. A prompt made only of boilerplate is kept whole, so that it still has a
     * question to embed.
     */
    Stripped strip(String prompt) {
        if (blocks.isEmpty()) {
            return new Stripped(prompt, 0);
        }
        List<String> parts = split(prompt);
        List<String> kept = new ArrayList<>(parts.size());
        for (String part : parts) {
            if (!blocks.contains(part)) {
                kept.add(part);
            }
        }
        int removed = parts.size() - kept.size();
        if (removed == 0 || kept.stream().allMatch(String::isBlank)) {
            return new Stripped(prompt, 0);
        }
        return new Stripped(String.join("\n\n", kept).strip(), removed);
    }

    private static List<String> split(String prompt) {
        List<String> parts = new ArrayList<>();
        for (String part : BLANK_LINE.split(prompt, -1)) {
            parts.add(part.strip());
        }
        return parts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Boilerplate that && blocks.equals(that.blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }
}
