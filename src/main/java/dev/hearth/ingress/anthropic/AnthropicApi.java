package dev.hearth.ingress.anthropic;

import dev.hearth.ingress.common.Dialect;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.common.IngressContext;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The Anthropic dialect: the Messages API ({@code POST /v1/messages}, streamed or not) and token counting
 * ({@code POST /v1/messages/count_tokens}), for Claude Code and Anthropic's SDKs. Everything under
 * {@code /v1/messages} answers in Anthropic's error shape, even though OpenAI's dialect owns the shorter {@code /v1/}:
 * the server picks the dialect with the longest matching prefix.
 *
 * <p>Keys arrive as {@code x-api-key} or {@code Authorization: Bearer} and are checked before this dialect runs
 * (server.AuthGate, through {@code ingress.common.Credentials});
 * {@code anthropic-version} and {@code anthropic-beta} are accepted and ignored, since Hearth speaks one version of the
 * format and no beta changes what it can serve.
 */
public final class AnthropicApi implements Dialect {
    private static final String MESSAGES = "/v1/messages";
    private static final String COUNT_TOKENS = "/v1/messages/count_tokens";

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(MESSAGES);
    }

    @Override
    public List<String> paths() {
        return List.of(MESSAGES, COUNT_TOKENS);
    }

    @Override
    public HttpClientSink.ErrorWriter errors() {
        return AnthropicErrorWriter.INSTANCE;
    }

    @Override
    public void mount(Router router, IngressContext context) {
        MessagesHandler handler = new MessagesHandler(context);
        router.post(MESSAGES).handler(handler::messages);
        router.post(COUNT_TOKENS).handler(handler::countTokens);
        // The server's fallback takes any path that starts with a served one for "known" and answers 405; a path
        // under /v1/messages that is not served (such as Anthropic's batches API) is a 404.
        router.routeWithRegex(MESSAGES + ".+").handler(ctx -> {
            if (paths().contains(ctx.request().path())) {
                ctx.next();
            } else {
                ctx.fail(404);
            }
        });
    }
}
