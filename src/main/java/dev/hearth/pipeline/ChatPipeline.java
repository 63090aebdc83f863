package dev.hearth.pipeline;

import dev.hearth.audit.AuditLog;
import dev.hearth.auth.EgressClasses;
import dev.hearth.auth.AuthErrors;
import dev.hearth.dispatch.ClientSink;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.dispatch.EgressGuard;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.limits.Admission;
import dev.hearth.limits.LimitRefusal;
import dev.hearth.limits.Ticket;
import dev.hearth.model.ChatRequest;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.guard.Inspection;
import dev.hearth.privacy.guard.MaskingEgress;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.privacy.guard.PrivacyGuard;
import dev.hearth.privacy.guard.PrivacyVerdict;
import dev.hearth.routing.RoutePlan;
import dev.hearth.routing.RoutePlanner;
import dev.hearth.tokens.TokenCounter;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a chat request, in order. Every ingress dialect hands its decoded request here.
 *
 * <ol>
 *   <li>authenticate — at the door, before the body is read: the server's {@code AuthGate} turns the presented key
 *       into the {@link Inbound#principal()} (or answers 401), for every dialect and the admin API alike</li>
 *   <li>authorize — the principal may use the requested model or alias (403 otherwise)</li>
 *   <li>inspect — {@link PrivacyGuard}: the data classes in every text of the request, and the verdict
 *       ({@code allow}, {@code mask}, {@code local-only}, {@code block}); {@code block} is refused here</li>
 *   <li>route — {@link RoutePlanner}: eligible candidates, ordered, with reasons; a {@code local-only} verdict keeps
 *       only local candidates or refuses</li>
 *   <li>admit — {@link Admission}: the key's, team's and user's rate limits and budgets; a reservation of the worst
 *       case cost, settled by the account stage when the request ends (429 with rate-limit headers otherwise)</li>
 *   <li>guard — {@link MaskingEgress}: for {@code mask}, placeholders for each cloud attempt and the answer
 *       restored</li>
 *   <li>dispatch — {@link Dispatcher}: attempts, retries, failover, timeouts, commit; it enforces local-only again
 *       and runs every attempt through the guard</li>
 *   <li>account — {@link AuditedSink}: the audit record, durable before the client gets the end of the answer</li>
 * </ol>
 * A refusal from any stage reaches the client through the same sink as an answer would, in the client's dialect,
 * with the privacy headers, and is audited like one. A request whose texts exceed {@link #INLINE_INSPECTION_CHARS}
 * is inspected on a worker thread; if inspection fails the request is refused (fail closed), never sent uninspected.
 * Logs name the request id and never a value. Thread-safe: one pipeline serves every event loop.
 */
public final class ChatPipeline {
    /** Above this many characters of text, inspection (~0.13 ms per KB) leaves the event loop. */
    public static final long INLINE_INSPECTION_CHARS = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final PrivacyGuard guard;
    private final RoutePlanner planner;
    private final Offload offload;
    private final AuditLog audit;
    private final Admission admission;
    private final TokenCounter tokens;
    private final EmbeddingGuard embeddings;
    private final PipelineListener listener;
    private final QualityOffload quality;

    public ChatPipeline(PrivacyGuard guard, RoutePlanner planner, Offload offload, AuditLog audit,
            Admission admission, TokenCounter tokens, PipelineListener listener) {
        this(guard, planner, offload, audit, admission, tokens, listener, null);
    }

    /**
     * @param quality runs the planner's quality estimate off the event loop when it {@link
     *     dev.hearth.routing.QualityEstimator#blocks() blocks}; {@code null} when it does not (the shipped model)
     */
    public ChatPipeline(PrivacyGuard guard, RoutePlanner planner, Offload offload, AuditLog audit,
            Admission admission, TokenCounter tokens, PipelineListener listener, QualityOffload quality) {
        this.quality = quality;
        this.listener = listener;
        this.guard = guard;
        this.planner = planner;
        this.offload = offload;
        this.audit = audit;
        this.admission = admission;
        this.tokens = tokens;
        this.embeddings = new EmbeddingGuard(guard, offload);
    }

    /** The same privacy policy, for embedding requests (which do not run through this chat pipeline). */
    public EmbeddingGuard embeddings() {
        return embeddings;
    }

    /** Runs the request; the answer or the refusal reaches {@code sink}, after its audit record is durable. */
    public void handle(Inbound inbound, ChatRequest request, ClientSink sink, Dispatcher dispatcher) {
        AuditedSink audited = new AuditedSink(sink, inbound, audit, request.stream(), tokens::count);
        inbound.audit().requested(request.model(), request.stream());
        if (!inbound.principal().mayUse(request.model())) {
            listener.refused("authorize", "model_not_allowed");
            audited.fail(AuthErrors.modelNotAllowed(request.model()));
            return;
        }
        // A key's egress list only ever tightens the configured policy.
        Map<DataClass, PrivacyAction> principal = EgressClasses.floor(inbound.principal().egress());
        Offload runner = guard.inspectionSize(request) <= INLINE_INSPECTION_CHARS ? Offload.INLINE : offload;
        runner.run(() -> guard.inspect(request),
                (found, failure) -> inspected(inbound, request, principal, found, failure, audited, dispatcher));
    }

    private void inspected(Inbound inbound, ChatRequest request, Map<DataClass, PrivacyAction> principal,
            Inspection inspection, Throwable failure, AuditedSink sink, Dispatcher dispatcher) {
        if (failure != null) {
            LOG.error("request {}: privacy inspection failed; refused", inbound.requestId(), failure);
            sink.fail(GatewayError.of(ErrorKind.INTERNAL, "The privacy inspection of this request failed (request id "
                    + inbound.requestId() + "), so it was not sent anywhere; the gateway log has details."));
            return;
        }
        PrivacyVerdict verdict = guard.decide(request, inspection, principal);
        sink.privacy(verdict.classesHeader(), verdict.actionHeader());
        if (verdict.blocked()) {
            listener.refused("privacy", verdict.refusal().code());
            sink.fail(verdict.refusal());
            return;
        }
        if (quality != null && planner.ranksByQuality(request)) {
            // The estimate embeds the prompt: off the loop, bounded by the offload's deadline, then back here.
            double fallback = planner.quality().nonBlocking().needsStrongModel(request);
            quality.estimate(request, fallback).thenAccept(score -> inbound.loop().execute(
                    () -> route(inbound, request, verdict, score, sink, dispatcher)));
            return;
        }
        route(inbound, request, verdict, null, sink, dispatcher);
    }

    /** {@code estimate}: the quality estimate computed off the loop, or null to let the planner estimate inline. */
    private void route(Inbound inbound, ChatRequest request, PrivacyVerdict verdict, Double estimate,
            AuditedSink sink, Dispatcher dispatcher) {
        RoutePlan plan;
        try {
            plan = estimate == null ? planner.plan(request, verdict.confinement())
                    : planner.plan(request, verdict.confinement(), estimate);
        } catch (GatewayException refused) {
            listener.refused("route", String.valueOf(refused.error().code()));
            sink.fail(refused.error());
            return;
        }
        inbound.audit().routed(plan.reason());
        CompletableFuture<Ticket> admitted = admission.admit(inbound.principal(), plan,
                () -> tokens.countPrompt(request), request.sampling().maxTokens());
        if (admitted.isDone()) { // local counters: no hop
            admitted(inbound, request, plan, verdict, admitted, sink, dispatcher);
        } else {
            admitted.whenComplete((ticket, refused) -> inbound.loop().execute(
                    () -> admitted(inbound, request, plan, verdict, admitted, sink, dispatcher)));
        }
    }

    private void admitted(Inbound inbound, ChatRequest request, RoutePlan plan, PrivacyVerdict verdict,
            CompletableFuture<Ticket> admitted, AuditedSink sink, Dispatcher dispatcher) {
        Ticket ticket;
        try {
            ticket = admitted.join();
        } catch (CompletionException | CancellationException failed) {
            if (failed.getCause() instanceof LimitRefusal refusal) {
                listener.refused("admit", refusal.error().code());
                sink.rateLimits(refusal.state());
                sink.fail(refusal.error());
            } else {
                LOG.error("request {}: rate-limit and budget check failed; refused", inbound.requestId(), failed);
                sink.fail(GatewayError.of(ErrorKind.INTERNAL, "The rate-limit and budget check of this request failed"
                        + " (request id " + inbound.requestId() + "), so it was not sent; the gateway log has details."));
            }
            return;
        }
        sink.admitted(ticket);
        EgressGuard egress = MaskingEgress.forVerdict(verdict, guard.listener());
        dispatcher.dispatch(inbound.requestId(), request, plan, egress, sink, inbound.receivedNanos());
    }
}
