package dev.hearth.pipeline;

import dev.hearth.dispatch.ClientSink;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.error.GatewayException;
import dev.hearth.model.ChatRequest;
import dev.hearth.routing.RoutePlan;
import dev.hearth.routing.RoutePlanner;

/**
 * What happens to a chat request, in order. Every ingress dialect hands its decoded request here.
 *
 * <ol>
 *   <li>authenticate — (governance issue) API key or JWT to a principal</li>
 *   <li>admit — (governance issue) rate limits and budget reservation</li>
 *   <li>inspect — (privacy issue) sensitive data classes found in the request</li>
 *   <li>route — {@link RoutePlanner}: eligible candidates, ordered, with reasons</li>
 *   <li>guard — (privacy issue) masking before cloud egress</li>
 *   <li>dispatch — {@link Dispatcher}: attempts, retries, failover, timeouts, commit</li>
 * </ol>
 * The stages not built yet are named here so the order is fixed before they arrive. A refusal from any stage reaches
 * the client through the same sink as an answer would, in the client's dialect.
 */
public final class ChatPipeline {
    private final RoutePlanner planner;

    public ChatPipeline(RoutePlanner planner) {
        this.planner = planner;
    }

    public void handle(String requestId, ChatRequest request, ClientSink sink, Dispatcher dispatcher,
            long receivedNanos) {
        RoutePlan plan;
        try {
            plan = planner.plan(request);
        } catch (GatewayException refused) {
            sink.fail(refused.error());
            return;
        }
        dispatcher.dispatch(requestId, request, plan, sink, receivedNanos);
    }
}
