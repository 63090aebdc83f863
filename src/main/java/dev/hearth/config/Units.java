package dev.hearth.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two unit notations of the configuration file. Durations are an integer and a unit, {@code 500ms},
 * {@code 30s}, {@code 2m}, {@code 1h}; sizes are an integer of bytes or an integer and {@code KB}, {@code MB},
 * {@code GB} (1024-based). Nothing else is accepted: no fractions, spaces, lower-case size units or
 * unit-less durations, so a value never means something other than what it looks like.
 */
public final class Units {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,18})(KB|MB|GB)?");

    private Units() {
    }

    /** The duration, or empty when the text is not in the notation or does not fit a {@link Duration}. */
    public static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        try {
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        } catch (ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }

    /** The number of bytes, or empty when the text is not in the notation or overflows a {@code long}. */
    static Optional<Long> size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "KB" -> 10;
            case "MB" -> 20;
            default -> 30;
        };
        return amount > (Long.MAX_VALUE >> shift) ? Optional.empty() : Optional.of(amount << shift);
    }

    /** A duration written back in the file's notation, using the largest unit that keeps it exact. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis != 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
