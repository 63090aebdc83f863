package dev.hearth.auth;

import java.util.Locale;

/**
 * Whether model requests must carry an API key.
 *
 * <ul>
 *   <li>{@code REQUIRED}: no key, no answer (401). The default when Hearth listens on a non-loopback address.</li>
 *   <li>{@code OPTIONAL}: a request without a key runs as the local anonymous principal; a key that is presented must
 *       be valid. The default on loopback, where only this machine's users can connect.</li>
 *   <li>{@code OFF}: keys are not looked at; every request is the anonymous principal.</li>
 * </ul>
 * The admin API always requires a valid key, whatever the mode.
 */
public enum AuthMode {
    REQUIRED,
    OPTIONAL,
    OFF;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The default for a bind address: optional on loopback, required anywhere else. */
    public static AuthMode defaultFor(boolean loopbackBind) {
        return loopbackBind ? OPTIONAL : REQUIRED;
    }
}
