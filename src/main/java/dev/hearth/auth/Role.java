package dev.hearth.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a key may do besides calling models: {@code admin} manages keys and reads the audit log, {@code auditor} reads
 * the audit log, {@code member} only calls models. Every role may call the models its key allows.
 */
public enum Role {
    ADMIN,
    AUDITOR,
    MEMBER;

    /** The lower-case name used in configuration, the CLI, the admin API and the store. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named exactly {@code admin}, {@code auditor} or {@code member}; empty for anything else. */
    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.wire().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
