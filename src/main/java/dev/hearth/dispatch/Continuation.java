package dev.hearth.dispatch;

import dev.hearth.backend.Protocol;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.StreamEvent;
import dev.hearth.routing.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Mid-stream continuation (opt-in per alias): when a stream dies after text reached the client, the answer goes on
 * on the next candidate instead of ending with an error.
 *
 * <ul>
 *   <li>Where the target takes an assistant prefill (Anthropic, Ollama), the conversation plus the partial answer is
 *       sent as a final assistant turn, and what comes back is appended as it is.</li>
 *   <li>Elsewhere (OpenAI-compatible servers, whose APIs treat a trailing assistant turn as finished) the request is
 *       sent again and the regenerated text is compared with what the client already has: while it matches it is
 *       skipped, and the rest is streamed on. If it diverges (another model, sampled differently) the stream ends
 *       with the usual in-band error — never a stitched answer that reads wrong.</li>
 * </ul>
 * Only text answers continue: a stream that had started a tool call ends with the in-band error.
 */
final class Continuation {
    private final String carried;
    private final boolean prefill;
    private final StringBuilder regenerated = new StringBuilder();
    private boolean caughtUp;

    private Continuation(String carried, boolean prefill) {
        this.carried = carried;
        this.prefill = prefill;
    }

    static Continuation on(Route target, String carried) {
        Protocol protocol = target.backend().protocol();
        return new Continuation(carried, protocol == Protocol.ANTHROPIC || protocol == Protocol.OLLAMA);
    }

    boolean prefill() {
        return prefill;
    }

    String carried() {
        return carried;
    }

    /** The request to send to the target. */
    ChatRequest request(ChatRequest original) {
        if (!prefill) {
            return original;
        }
        List<Message> messages = new ArrayList<>(original.messages());
        messages.add(new Message(Role.ASSISTANT, List.of(new ContentPart.Text(carried)), List.of(), null, null));
        return new ChatRequest(original.model(), messages, original.tools(), original.toolChoice(),
                original.responseFormat(), original.sampling(), original.stream(), original.includeUsage(),
                original.extra());
    }

    /**
     * What of {@code event} the client should see: the event itself, a shortened text delta, nothing (text the client
     * already has), or null when the regenerated answer diverged from what was sent.
     */
    List<StreamEvent> filter(StreamEvent event) {
        if (prefill || caughtUp || !(event instanceof StreamEvent.TextDelta delta)) {
            if (!prefill && !caughtUp && event.isContent()) {
                return null; // a tool call or reasoning where the client has text: not the same answer
            }
            return List.of(event);
        }
        int before = regenerated.length();
        regenerated.append(delta.text());
        int overlap = Math.min(regenerated.length(), carried.length());
        if (!carried.regionMatches(0, regenerated.toString(), 0, overlap)) {
            return null;
        }
        if (regenerated.length() <= carried.length()) {
            return List.of();
        }
        caughtUp = true;
        String fresh = delta.text().substring(Math.max(0, carried.length() - before));
        return List.of(new StreamEvent.TextDelta(delta.choice(), fresh));
    }
}
