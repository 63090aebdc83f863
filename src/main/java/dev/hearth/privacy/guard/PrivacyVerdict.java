package dev.hearth.privacy.guard;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.privacy.DataClass;
import dev.hearth.routing.Confinement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The privacy guard's decision for one request: what was found, the action that applies (the strictest of the found
 * classes' actions), which classes that action concerns, and everything later stages need from it: the routing
 * {@link Confinement}, the refusal for {@code block}, and the header values. Never holds a value. Immutable.
 *
 * @param inspection what was found
 * @param action     the strictest action among the found classes; {@link PrivacyAction#ALLOW} when none was found
 * @param decisive   the found classes whose action is {@code action} (the ones masked, blocked or kept local)
 * @param enabled    false when the guard is switched off in configuration (nothing is inspected)
 */
public record PrivacyVerdict(Inspection inspection, PrivacyAction action, Set<DataClass> decisive, boolean enabled) {
    private static final int PATHS_SHOWN = 5;

    public PrivacyVerdict {
        decisive = decisive.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(decisive));
    }

    /** The verdict of a switched-off guard. */
    public static final PrivacyVerdict OFF = new PrivacyVerdict(Inspection.NONE, PrivacyAction.ALLOW, Set.of(), false);

    public boolean blocked() {
        return action == PrivacyAction.BLOCK;
    }

    public Confinement confinement() {
        return action == PrivacyAction.LOCAL_ONLY ? Confinement.localOnly(names(decisive)) : Confinement.NONE;
    }

    /** {@code x-hearth-data-classes}: the classes found, e.g. {@code pii,secret}, or {@code none}. */
    public String classesHeader() {
        return inspection.isEmpty() ? "none" : inspection.classes().stream().map(PrivacyVerdict::name)
                .collect(Collectors.joining(","));
    }

    /** {@code x-hearth-privacy-action} before routing: off, none, or the action's wire name. */
    public String actionHeader() {
        if (!enabled) {
            return "off";
        }
        return inspection.isEmpty() ? "none" : action.wire();
    }

    /** The refusal of a blocked request: 403 {@code privacy_blocked}, naming classes and locations, never values. */
    public GatewayError refusal() {
        List<String> paths = new ArrayList<>();
        for (DataClass dataClass : decisive) {
            for (String path : inspection.paths(dataClass)) {
                if (!paths.contains(path)) {
                    paths.add(path);
                }
            }
        }
        String where = paths.size() <= PATHS_SHOWN ? String.join(", ", paths)
                : String.join(", ", paths.subList(0, PATHS_SHOWN)) + " and " + (paths.size() - PATHS_SHOWN) + " more";
        return new GatewayError(ErrorKind.PERMISSION, "This request contains " + names(decisive) + " data (in "
                + where + "), which this gateway's privacy policy blocks. Remove it and send the request again.",
                "privacy_blocked", null, null);
    }

    /** "phi", "pii and secret", "pii, phi and secret": lower-case class names in {@link DataClass} order. */
    static String names(Set<DataClass> classes) {
        List<String> names = classes.stream().sorted().map(PrivacyVerdict::name).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " and " + names.getLast();
    }

    private static String name(DataClass dataClass) {
        return dataClass.name().toLowerCase(Locale.ROOT);
    }
}
