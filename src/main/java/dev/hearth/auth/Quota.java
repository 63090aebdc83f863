package dev.hearth.auth;

/**
 * Limits one principal, team or user lives within. A null field means "no limit of this kind at this level".
 *
 * @param rpm        requests per minute
 * @param tpm        tokens per minute: prompt plus output tokens, reserved at admission (the output at the
 *                   request's maximum) and corrected to the actual count when the answer ends
 * @param dailyUsd   spend per UTC day, in USD
 * @param monthlyUsd spend per UTC calendar month, in USD
 */
public record Quota(Integer rpm, Integer tpm, Double dailyUsd, Double monthlyUsd) {
    public static final Quota NONE = new Quota(null, null, null, null);

    public Quota {
        positive("rpm", rpm);
        positive("tpm", tpm);
        nonNegative("daily budget", dailyUsd);
        nonNegative("monthly budget", monthlyUsd);
    }

    public boolean isNone() {
        return rpm == null && tpm == null && dailyUsd == null && monthlyUsd == null;
    }

    public boolean limitsSpend() {
        return dailyUsd != null || monthlyUsd != null;
    }

    private static void positive(String what, Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(what + " must be a positive whole number, not " + value);
        }
    }

    private static void nonNegative(String what, Double value) {
        if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
            throw new IllegalArgumentException(what + " must be zero or more USD, not " + value);
        }
    }
}
