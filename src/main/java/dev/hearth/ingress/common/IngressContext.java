package dev.hearth.ingress.common;

import dev.hearth.backend.Backend;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.observability.GatewayMetrics;
import dev.hearth.pipeline.ChatPipeline;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.tokens.TokenCounter;
import java.util.function.Function;

/**
 * What a dialect's handlers need, bound to one event loop: the shared pipeline and directory, plus this loop's
 * dispatcher and adapters (so a request never hops threads). The token counter is shared and thread-safe; counting a
 * long prompt takes milliseconds, so dialects run it on a worker thread.
 */
public record IngressContext(ChatPipeline pipeline, ModelDirectory directory, GatewayMetrics metrics,
        Dispatcher dispatcher, Function<Backend, ProviderAdapter> adapters, TokenCounter tokens) {}
