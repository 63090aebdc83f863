package dev.hearth.pipeline;

import dev.hearth.audit.AuditLog;
import dev.hearth.auth.AuthErrors;
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
 *   <li>authenticate — at the door, before the body is read: the server's {@code AuthGate} turns the presented key
 *       into the {@link Inbound#principal()} (or answers 401), for every dialect and the admin API alike</li>
 *   <li>authorize — the principal may use the requested model or alias (403 otherwise)</li>
 *   <li>admit — (governance issue, next increments) rate limits and budget reservation</li>
 *   <li>inspect — (privacy issue) sensitive data classes found in the request</li>
 *   <li>route — {@link RoutePlanner}: eligible candidates, ordered, with reasons</li>
 *   <li>guard — (privacy issue) masking before cloud egress</li>
 *   <li>dispatch — {@link Dispatcher}: attempts, retries, failover, timeouts, commit</li>
 *   <li>account — {@link AuditedSink}: the audit record, durable before the client gets the end of the answer</li>
 * </ol>
 * The stages not built yet are named here so the order is fixed before they arrive. A refusal from any stage reaches
 * the client through the same sink as an answer would, in the client's dialect, and is audited like one.
 */
public final class ChatPipeline {
    private final RoutePlanner planner;
    private final AuditLog audit;

    public ChatPipeline(RoutePlanner planner, AuditLog audit) {
        this.planner = planner;
        this.audit = audit;
    }

    /** Runs the request; the answer or the refusal reaches {@code sink}, after its audit record is durable. */
    public void handle(Inbound inbound, ChatRequest request, ClientSink sink, Dispatcher dispatcher) {
        ClientSink audited = new AuditedSink(sink, inbound, audit, request.stream());
        inbound.audit().requested(request.model(), request.stream());
        RoutePlan plan;
        try {
            if (!inbound.principal().mayUse(request.model())) {
                throw new GatewayException(AuthErrors.modelNotAllowed(request.model()));
            }
            plan = planner.plan(request);
        } catch (GatewayException refused) {
            audited.fail(refused.error());
            return;
        }
        inbound.audit().routed(plan.reason());
        dispatcher.dispatch(inbound.requestId(), request, plan, audited, inbound.receivedNanos());
    }
}
