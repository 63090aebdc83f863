package dev.hearth.privacy.guard;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every text of a chat request that a backend reads, visited in one fixed order, so that inspection and masking agree
 * on what "slot 3" is: per message, its text parts and the string leaves of its opaque parts, then its tool calls'
 * arguments (JSON text); then per tool definition its description and the string leaves of its parameter schema;
 * then the string leaves of the response format's schema and of the pass-through fields. Map keys are not texts.
 * Not visited: images, message, tool and function names, tool choice and stop sequences (see docs/NOTES.md).
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
                case "parameters" -> "tools[" + outer + "].parameters." + leaf;
                case "schema" -> "response_format.schema." + leaf;
                case "extra" -> "extra." + leaf;
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
                description = rewriter.rewrite(new Slot(next[0]++, Kind.TEXT, "tools", t, 0, ""), description);
            }
            Object parameters = leaves(tool.parameters(), "", "parameters", t, 0, rewriter, next);
            if (parameters != tool.parameters() || !java.util.Objects.equals(description, tool.description())) {
                tool = new ToolDefinition(tool.name(), description, castMap(parameters), tool.strict());
                changed = true;
            }
            tools.add(tool);
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.schema() != null) {
            Object schema = leaves(format.schema(), "", "schema", 0, 0, rewriter, next);
            if (schema != format.schema()) {
                format = new ResponseFormat(format.kind(), format.name(), castMap(schema), format.strict());
                changed = true;
            }
        }
        Object extra = leaves(request.extra(), "", "extra", 0, 0, rewriter, next);
        changed |= extra != request.extra();
        if (!changed) {
            return request;
        }
        return new ChatRequest(request.model(), messages, tools, request.toolChoice(), format, request.sampling(),
                request.stream(), request.includeUsage(), castMap(extra));
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
                    Object json = leaves(opaque.json(), "", "content", m, p, rewriter, next);
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

    /** String leaves of a JSON tree, depth first in the tree's own order; keys are not texts. */
    private static Object leaves(Object node, String path, String area, int outer, int inner, Rewriter rewriter,
            int[] next) {
        if (node instanceof String text) {
            String out = rewriter.rewrite(new Slot(next[0]++, Kind.TEXT, area, outer, inner, path), text);
            return out.equals(text) ? text : out;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = leaves(entry.getValue(), path.isEmpty() ? key : path + "." + key, area, outer, inner,
                        rewriter, next);
                changed |= value != entry.getValue();
                out.put(key, value);
            }
            return changed ? out : map;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (int i = 0; i < list.size(); i++) {
                Object value = leaves(list.get(i), path + "[" + i + "]", area, outer, inner, rewriter, next);
                changed |= value != list.get(i);
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
