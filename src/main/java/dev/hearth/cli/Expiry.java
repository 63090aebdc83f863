package dev.hearth.cli;

import dev.hearth.config.Units;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** {@code --expires}: a duration from now ({@code 30d}, {@code 12h}, {@code 90m}), a UTC date, or an instant. */
final class Expiry {
    private Expiry() {}

    static Instant parse(String text, Instant base, CommandLine commandLine) {
        Instant now = base.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (text.matches("[0-9]{1,5}d")) {
            return now.plus(Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1))));
        }
        var duration = Units.duration(text);
        if (duration.isPresent()) {
            return now.plus(duration.get());
        }
        try {
            return text.contains("T") ? Instant.parse(text)
                    : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException bad) {
            throw new CommandLine.ParameterException(commandLine, "--expires must look like 30d, 12h, 2026-12-31 or"
                    + " 2026-12-31T18:00:00Z, not '" + text + "'");
        }
    }
}
