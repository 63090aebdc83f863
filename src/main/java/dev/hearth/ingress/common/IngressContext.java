package dev.hearth.ingress.common;

import dev.hearth.backend.Backend;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.observability.GatewayMetrics;
import dev.hearth.pipeline.ChatPipeline;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.routing.ModelDirectory;
import java.util.function.Function;

/**
 * What a dialect's handlers need, bound to one event loop: the shared pipeline and directory, plus this loop's
 * dispatcher and adapters (so a request never hops threads).
 */
public record IngressContext(ChatPipeline pipeline, ModelDirectory directory, GatewayMetrics metrics,
        Dispatcher dispatcher, Function<Backend, ProviderAdapter> adapters) {}
