package dev.hearth.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;

/**
 * Counts tokens with a real BPE tokenizer (o200k_base). Other model families tokenize differently, so counts are a
 * close estimate for them; they are used to size context windows and when a backend reports no usage, never to bill
 * an answer whose backend reported usage. Thread-safe.
 */
public final class TokenCounter {
    /** Per-message framing overhead that chat templates add (role markers, separators). */
    private static final int TOKENS_PER_MESSAGE = 4;

    /** Loading the o200k ranks takes a few hundred milliseconds: done on first use, never at construction. */
    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** Loads the tokenizer now (call from a background thread after start-up so no request pays for it). */
    public void warmUp() {
        count("warm up");
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : Holder.ENCODING.countTokensOrdinary(text);
    }

    /** Prompt tokens of a chat request: messages, tool calls and tool definitions. Images are not counted. */
    public int countPrompt(ChatRequest request) {
        int total = 3;
        for (Message message : request.messages()) {
            total += TOKENS_PER_MESSAGE + count(message.joinedText());
            for (ToolCall call : message.toolCalls()) {
                total += count(call.name()) + count(call.arguments());
            }
        }
        for (ToolDefinition tool : request.tools()) {
            total += count(tool.name()) + count(tool.description()) + count(String.valueOf(tool.parameters()));
        }
        return total;
    }
}
