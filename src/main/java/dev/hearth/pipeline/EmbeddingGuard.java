package dev.hearth.pipeline;

import dev.hearth.auth.EgressClasses;
import dev.hearth.auth.Principal;
import dev.hearth.backend.Locality;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.privacy.guard.PrivacyGuard;
import dev.hearth.privacy.guard.PrivacyVerdict;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The privacy stage for embedding requests: every input is inspected like a chat message and the same policy
 * decides (global, alias, the key's egress list). What differs is {@code mask}: a vector cannot be restored, and the
 * vector of a placeholder is not the vector of the text, so an input that would be masked for a cloud model is
 * embedded locally instead, like {@code local-only}. With no local route the request is refused; {@code block} is
 * refused too. Inputs above {@link ChatPipeline#INLINE_INSPECTION_CHARS} are inspected on a worker thread.
 *
 * <p>Thread-safe; {@code then} runs on the caller's event loop.
 */
public final class EmbeddingGuard {
    /** The routes the request may take, and what the guard found and did (for the headers). */
    public record Guarded(RoutePlan plan, String dataClasses, String action) {}

    private final PrivacyGuard guard;
    private final Offload offload;

    public EmbeddingGuard(PrivacyGuard guard, Offload offload) {
        this.guard = guard;
        this.offload = offload;
    }

    /** Decides where {@code request} may be embedded; {@code then} gets the confined plan or the refusal. */
    public void guard(Principal principal, EmbeddingRequest request, RoutePlan plan,
            BiConsumer<Guarded, GatewayException> then) {
        ChatRequest asChat = new ChatRequest(request.model(), request.input().stream()
                .map(text -> Message.text(Role.USER, text)).toList(), List.of(), null, null, Sampling.NONE, false,
                false, Map.of());
        Offload runner = guard.inspectionSize(asChat) <= ChatPipeline.INLINE_INSPECTION_CHARS ? Offload.INLINE
                : offload;
        runner.run(() -> guard.decide(asChat, guard.inspect(asChat), EgressClasses.floor(principal.egress())),
                (verdict, failure) -> {
                    if (failure != null) {
                        then.accept(null, new GatewayException(GatewayError.of(ErrorKind.INTERNAL, "The privacy"
                                + " inspection of this request failed, so it was not sent anywhere.")));
                        return;
                    }
                    try {
                        then.accept(confine(verdict, plan), null);
                    } catch (GatewayException refused) {
                        then.accept(null, refused);
                    }
                });
    }

    private static Guarded confine(PrivacyVerdict verdict, RoutePlan plan) {
        if (verdict.blocked()) {
            throw new GatewayException(verdict.refusal());
        }
        boolean confined = verdict.action() == PrivacyAction.LOCAL_ONLY || verdict.action() == PrivacyAction.MASK;
        if (!confined) {
            return new Guarded(plan, verdict.classesHeader(), verdict.actionHeader());
        }
        List<Route> local = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (Route route : plan.routes()) {
            if (route.backend().locality() == Locality.LOCAL) {
                local.add(route);
            } else {
                withheld.add(route.ref());
            }
        }
        if (local.isEmpty()) {
            throw new GatewayException(new GatewayError(ErrorKind.PERMISSION, "This input contains "
                    + verdict.classesHeader().replace(",", ", ") + " data, which may not leave this machine for"
                    + " embedding (a vector cannot be masked and restored), and '" + plan.requested()
                    + "' has no local embedding model (withheld: " + String.join(", ", withheld) + "). Use a local"
                    + " embedding model.", "privacy_local_only", "model", null));
        }
        return new Guarded(plan.confinedToLocal(local, plan.reason() + "; kept local by privacy policy"),
                verdict.classesHeader(), verdict.action() == PrivacyAction.MASK && withheld.isEmpty()
                        ? verdict.actionHeader() : "local-only");
    }
}
