package dev.hearth.auth;

import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.guard.PrivacyAction;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A key's egress list in the privacy guard's terms: the data classes the list leaves out may not leave the machine
 * for this key, whatever the configured policy allows (the guard only lets a principal tighten its policy).
 */
public final class EgressClasses {
    /** The names a key's egress list may use, lower-case. */
    public static final List<String> NAMES = Arrays.stream(DataClass.values())
            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();

    private EgressClasses() {}

    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /** The floor a key's egress list puts under the policy: local-only for every class it leaves out. */
    public static Map<DataClass, PrivacyAction> floor(List<String> egress) {
        if (egress == null) {
            return Map.of();
        }
        Map<DataClass, PrivacyAction> floor = new EnumMap<>(DataClass.class);
        for (DataClass dataClass : DataClass.values()) {
            if (!egress.contains(dataClass.name().toLowerCase(Locale.ROOT))) {
                floor.put(dataClass, PrivacyAction.LOCAL_ONLY);
            }
        }
        return Map.copyOf(floor);
    }
}
