package dev.hearth.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.List;

/** Budget periods are UTC calendar days and months, named {@code d:2026-11-25} and {@code m:2026-11}. */
public final class Periods {
    private Periods() {}

    public static String day(Instant now) {
        return "d:" + LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    public static String month(Instant now) {
        return "m:" + YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    public static List<String> current(Instant now) {
        return List.of(day(now), month(now));
    }

    /** Time until the day (or month) that {@code now} is in ends. */
    public static Duration untilEnd(Instant now, boolean monthly) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate next = monthly ? today.withDayOfMonth(1).plusMonths(1) : today.plusDays(1);
        return Duration.between(now, next.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
