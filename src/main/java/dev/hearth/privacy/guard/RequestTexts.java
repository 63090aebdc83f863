package dev.hearth.privacy.guard;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every text of a chat request that a backend reads, visited in one fixed order, so that inspection and masking agree
 * on what "slot 3" is: per message, its text parts and the string leaves of its opaque parts, then its tool calls'
 * arguments (JSON text); then each tool definition's description. Not visited: images, message and tool names,
 * parameter schemas, stop sequences and pass-through fields (see docs/NOTES.md).
 *
 * <p>{@link #rewrite} rebuilds only what changed and returns the same request when nothing did. Stateless and
 * thread-safe; visiting allocates nothing per text beyond the {@link Slot}.
 */
public final class RequestTexts {

    /** How a slot's text is written: plain text, or JSON text (tool-call arguments). */
    public enum Kind { TEXT, JSON }

    /**
     * One text location. {@link #path()} names it like {@code messages[1].content[0]} and never contains the text.
     *
     * @param index position in visiting order, from 0
     */
    public record Slot(int index, Kind kind, String area, int outer, int inner, String leaf) {
        public String path() {
            return switch (area) {
                case "content" -> "messages[" + outer + "].content[" + inner + "]" + (leaf.isEmpty() ? "" : "." + leaf);
                case "arguments" -> "messages[" + outer + "].tool_calls[" + inner + "].arguments";
                default -> "tools[" + outer + "].description";
            };
        }
    }

    /** Returns the text to put in the slot: the same string to leave it as it is. */
    @FunctionalInterface
    public interface Rewriter {
        String rewrite(Slot slot, String text);
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(Slot slot, String text);
    }

    private RequestTexts() {}

    public static void forEach(ChatRequest request, Visitor visitor) {
        rewrite(request, (slot, text) -> {
            visitor.visit(slot, text);
            return text;
        });
    }

    /** Characters in all slots together, to judge what inspecting the request will cost. */
    public static long length(ChatRequest request) {
        long[] total = {0};
        forEach(request, (slot, text) -> total[0] += text.length());
        return total[0];
    }

    public static ChatRequest rewrite(ChatRequest request, Rewriter rewriter) {
        int[] next = {0};
        List<Message> messages = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (int m = 0; m < request.messages().size(); m++) {
            Message message = request.messages().get(m);
            Message rewritten = message(m, message, rewriter, next);
            changed |= rewritten != message;
            messages.add(rewritten);
        }
        List<ToolDefinition> tools = new ArrayList<>(request.tools().size());
        for (int t = 0; t < request.tools().size(); t++) {
            ToolDefinition tool = request.tools().get(t);
            String description = tool.description();
            if (description != null) {
                String out = rewriter.rewrite(new Slot(next[0]++, Kind.TEXT, "tools", t, 0, ""), description);
                if (!out.equals(description)) {
                    tool = new ToolDefinition(tool.name(), out, tool.parameters(), tool.strict());
                    changed = true;
                }
            }
            tools.add(tool);
        }
        if (!changed) {
            return request;
        }
        return new ChatRequest(request.model(), messages, tools, request.toolChoice(), request.responseFormat(),
                request.sampling(), request.stream(), request.includeUsage(), request.extra());
    }

    private static Message message(int m, Message message, Rewriter rewriter, int[] next) {
        boolean changed = false;
        List<ContentPart> parts = new ArrayList<>(message.content().size());
        for (int p = 0; p < message.content().size(); p++) {
            ContentPart part = message.content().get(p);
            ContentPart out = switch (part) {
                case ContentPart.Text text -> {
                    String rewritten = rewriter.rewrite(new Slot(next[0]++, Kind.TEXT, "content", m, p, ""),
                            text.text());
                    yield rewritten.equals(text.text()) ? text : new ContentPart.Text(rewritten);
                }
                case ContentPart.Opaque opaque -> {
                    Object json = leaves(opaque.json(), "", m, p, rewriter, next);
                    yield json == opaque.json() ? opaque : new ContentPart.Opaque(opaque.type(), castMap(json));
                }
                case ContentPart.Image image -> image;
            };
            changed |= out != part;
            parts.add(out);
        }
        List<ToolCall> calls = new ArrayList<>(message.toolCalls().size());
        for (int c = 0; c < message.toolCalls().size(); c++) {
            ToolCall call = message.toolCalls().get(c);
            if (call.arguments() != null) {
                String out = rewriter.rewrite(new Slot(next[0]++, Kind.JSON, "arguments", m, c, ""), call.arguments());
                if (!out.equals(call.arguments())) {
                    call = new ToolCall(call.id(), call.name(), out);
                    changed = true;
                }
            }
            calls.add(call);
        }
        return changed ? new Message(message.role(), parts, calls, message.toolCallId(), message.name()) : message;
    }

    /** String leaves of an opaque part's JSON tree, depth first in the tree's own order; keys are not texts. */
    private static Object leaves(Object node, String path, int m, int p, Rewriter rewriter, int[] next) {
        if (node instanceof String text) {
            return rewriter.rewrite(new Slot(next[0]++, Kind.TEXT, "content", m, p, path), text);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = leaves(entry.getValue(), path.isEmpty() ? key : path + "." + key, m, p, rewriter, next);
                changed |= value != entry.getValue() && !value.equals(entry.getValue());
                out.put(key, value);
            }
            return changed ? out : map;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (int i = 0; i < list.size(); i++) {
                Object value = leaves(list.get(i), path + "[" + i + "]", m, p, rewriter, next);
                changed |= value != list.get(i) && !value.equals(list.get(i));
                out.add(value);
            }
            return changed ? out : list;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object json) {
        return (Map<String, Object>) json;
    }
}
