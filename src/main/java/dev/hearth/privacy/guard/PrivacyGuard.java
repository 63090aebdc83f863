package dev.hearth.privacy.guard;

import dev.hearth.model.ChatRequest;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inspect stage and the policy decision behind the guard stage. {@link #inspect} scans every text of a request
 * ({@link RequestTexts}) with the detector; {@link #decide} turns the findings into a {@link PrivacyVerdict} under
 * the effective policy for the request:
 *
 * <ol>
 *   <li>the global policy ({@code privacy.policy}, defaults in {@link PrivacyPolicy#defaults()});</li>
 *   <li>overridden per class by the alias the client named ({@code aliases.NAME.privacy}), in either direction:
 *       both are the operator's configuration;</li>
 *   <li>tightened, never loosened, by the principal's policy (per API key; an empty map until governance supplies
 *       it), since a key is handed to a client.</li>
 * </ol>
 * The strictest action among the classes found wins.
 *
 * <p>Failure behaviour: a recognizer fault propagates as an unchecked exception; the caller must then refuse the
 * request (fail closed), never send it uninspected. Cost: a clean 4 KB prompt takes well under a millisecond; the
 * pipeline moves large requests off the event loop ({@link #inspectionSize}).
 *
 * <p>Threading: immutable and thread-safe; one instance serves all event loops.
 */
public final class PrivacyGuard {
    private final boolean enabled;
    private final Detector detector;
    private final PrivacyPolicy policy;
    private final Map<String, Map<DataClass, PrivacyAction>> aliasPolicies;
    private final PrivacyListener listener;

    /**
     * @param aliasPolicies per alias name, the classes whose action the alias overrides
     */
    public PrivacyGuard(boolean enabled, Detector detector, PrivacyPolicy policy,
            Map<String, Map<DataClass, PrivacyAction>> aliasPolicies, PrivacyListener listener) {
        this.enabled = enabled;
        this.detector = detector;
        this.policy = policy;
        this.aliasPolicies = Map.copyOf(aliasPolicies);
        this.listener = listener;
    }

    public boolean enabled() {
        return enabled;
    }

    public PrivacyListener listener() {
        return listener;
    }

    /** Loads the detector's dictionaries and phone metadata (a few hundred ms, once); call off the event loop. */
    public void warmUp() {
        if (enabled) {
            detector.detect("Dear Dr. Jane Smith, call +1 415 555 0132 or jane@example.com; the patient takes"
                    + " metformin; card 4111 1111 1111 1111; lives in Lisbon; 221B Baker Street.");
        }
    }

    /** Characters the inspection will scan: the pipeline inspects large requests on a worker thread. */
    public long inspectionSize(ChatRequest request) {
        return enabled ? RequestTexts.length(request) : 0;
    }

    /** Scans every text of {@code request}; {@link Inspection#NONE} when nothing is found or the guard is off. */
    public Inspection inspect(ChatRequest request) {
        if (!enabled) {
            return Inspection.NONE;
        }
        List<Inspection.Found> found = new ArrayList<>();
        RequestTexts.forEach(request, (slot, text) -> {
            List<Span> spans = detector.detect(text);
            if (!spans.isEmpty()) {
                found.add(new Inspection.Found(slot, spans));
            }
        });
        return found.isEmpty() ? Inspection.NONE : Inspection.of(found);
    }

    /**
     * The verdict for {@code request} given what {@link #inspect} found in it.
     *
     * @param principal per-class actions of the caller's key; they only ever tighten the policy (empty: none)
     */
    public PrivacyVerdict decide(ChatRequest request, Inspection inspection, Map<DataClass, PrivacyAction> principal) {
        PrivacyVerdict verdict = explain(request, inspection, principal);
        if (verdict.enabled()) {
            listener.decided(inspection.classes(), verdict.action());
        }
        return verdict;
    }

    /**
     * The verdict {@link #decide} would give, without telling the listener (metrics): for explaining a decision
     * ({@code POST /admin/route/explain}) without counting it as a served request.
     */
    public PrivacyVerdict explain(ChatRequest request, Inspection inspection, Map<DataClass, PrivacyAction> principal) {
        if (!enabled) {
            return PrivacyVerdict.OFF;
        }
        if (inspection.isEmpty()) {
            return new PrivacyVerdict(inspection, PrivacyAction.ALLOW, Set.of(), true);
        }
        PrivacyPolicy effective = effectivePolicy(request.model(), principal);
        PrivacyAction strictest = PrivacyAction.ALLOW;
        for (DataClass dataClass : inspection.classes()) {
            strictest = PrivacyAction.strictest(strictest, effective.action(dataClass));
        }
        Set<DataClass> decisive = EnumSet.noneOf(DataClass.class);
        for (DataClass dataClass : inspection.classes()) {
            if (effective.action(dataClass) == strictest) {
                decisive.add(dataClass);
            }
        }
        return new PrivacyVerdict(inspection, strictest, decisive, true);
    }

    /** The policy for a request naming {@code model}: global, then the alias's overrides, then the principal's floor. */
    public PrivacyPolicy effectivePolicy(String model, Map<DataClass, PrivacyAction> principal) {
        Map<DataClass, PrivacyAction> alias = model == null ? null : aliasPolicies.get(model);
        return policy.with(alias == null ? Map.of() : alias).atLeast(principal);
    }
}
