package dev.hearth.config;

/**
 * A credential read from configuration. It never shows itself in {@link #toString()}, logs or errors;
 * the only way to the value is {@link #reveal()}, so every use is one grep away.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** The plain value, for the one place that must send it upstream. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
