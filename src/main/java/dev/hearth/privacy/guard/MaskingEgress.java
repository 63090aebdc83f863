package dev.hearth.privacy.guard;

import dev.hearth.backend.Locality;
import dev.hearth.dispatch.ClientSink;
import dev.hearth.dispatch.EgressGuard;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ResponseFormat;
import dev.hearth.routing.Route;
import java.util.function.UnaryOperator;

/**
 * The guard stage for a request whose verdict is {@code mask}: each attempt on a cloud backend sends the masked
 * request and its answer is restored ({@link RestoringListener}); each attempt on a local backend sends the original
 * and its answer passes as it is. So a failover from a local to a cloud backend masks at that point, and a hedge
 * masks only its cloud side. The request is masked once, at the first cloud attempt, and the placeholders are shared
 * by all of this request's cloud attempts and by nothing else.
 *
 * <p>Not thread-safe: one per request, used on its event loop.
 */
public final class MaskingEgress implements EgressGuard {
    private final PrivacyVerdict verdict;
    private final PrivacyListener listener;
    private Masker.Masked masked;

    private MaskingEgress(PrivacyVerdict verdict, PrivacyListener listener) {
        this.verdict = verdict;
        this.listener = listener;
    }

    /** The egress guard a verdict calls for: masking for {@code mask}, none otherwise. */
    public static EgressGuard forVerdict(PrivacyVerdict verdict, PrivacyListener listener) {
        return verdict.action() == PrivacyAction.MASK && !verdict.inspection().isEmpty()
                ? new MaskingEgress(verdict, listener) : EgressGuard.NONE;
    }

    @Override
    public Egress egress(Route route, ChatRequest original) {
        if (route.backend().locality() == Locality.LOCAL) {
            return new Egress(original, UnaryOperator.identity());
        }
        if (masked == null) {
            masked = Masker.mask(original, verdict.inspection(), verdict.decisive());
        }
        listener.masked(route.backend().name(), masked.placeholders().size());
        boolean jsonAnswer = original.responseFormat() != null
                && original.responseFormat().kind() != ResponseFormat.Kind.TEXT;
        Placeholders placeholders = masked.placeholders();
        return new Egress(masked.request(), answer -> new RestoringListener(answer, placeholders, jsonAnswer));
    }

    @Override
    public void committing(Route route, ClientSink sink) {
        sink.privacy(verdict.classesHeader(),
                route.backend().locality() == Locality.LOCAL ? "unmasked-local" : PrivacyAction.MASK.wire());
    }
}
