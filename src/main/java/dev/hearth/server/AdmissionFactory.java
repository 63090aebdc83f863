package dev.hearth.server;

import dev.hearth.auth.Quota;
import dev.hearth.catalog.PriceList;
import dev.hearth.config.LimitsConfig;
import dev.hearth.limits.Admission;
import dev.hearth.limits.BudgetCounters;
import dev.hearth.limits.LocalBudgetCounters;
import dev.hearth.limits.LocalRateBuckets;
import dev.hearth.limits.Periods;
import dev.hearth.limits.RateBuckets;
import dev.hearth.limits.SpendLedger;
import dev.hearth.store.redis.RedisCounters;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the admit stage from the {@code limits} and {@code pricing} configuration: counters in this process
 * (seeded from the settled-spend ledger) or in Redis, prices from the shipped catalog with the operator's overrides.
 * The result owns the Redis connection, if any.
 */
final class AdmissionFactory {
    private AdmissionFactory() {}

    /** The admit stage and what to close with the server. */
    record Built(Admission admission, AutoCloseable resources) {}

    /**
     * @param teamsSetAtRunTime team limits set through the admin API; they win over the configuration's
     * @param usersSetAtRunTime the same for users
     */
    static Built build(LimitsConfig limits, SpendLedger ledger, Supplier<Map<String, Quota>> teamsSetAtRunTime,
            Supplier<Map<String, Quota>> usersSetAtRunTime, Clock clock) {
        PriceList prices = new PriceList(limits.pricing());
        Function<String, Quota> teams = team -> teamsSetAtRunTime.get().getOrDefault(team, limits.teams().get(team));
        Function<String, Quota> users = user -> usersSetAtRunTime.get().getOrDefault(user, limits.users().get(user));
        Admission.Settings settings = new Admission.Settings(teams, users,
                limits.defaultMaxOutputTokens(), limits.redis() == null || limits.redis().failClosed());
        Map<String, Long> settled = ledger.settled(Periods.current(clock.instant()));
        if (limits.redis() == null) {
            RateBuckets rates = new LocalRateBuckets();
            BudgetCounters budgets = new LocalBudgetCounters(settled);
            return new Built(new Admission(rates, budgets, ledger, prices, settings, clock), () -> { });
        }
        RedisCounters redis;
        try {
            redis = RedisCounters.connect(limits.redis());
        } catch (RuntimeException e) {
            throw new IllegalStateException("limits.redis: cannot connect to " + limits.redis().url() + " ("
                    + e.getMessage() + "); start Redis or remove limits.redis to keep counters in this process", e);
        }
        return new Built(new Admission(redis.rateBuckets(), redis.budgetCounters(settled), ledger, prices, settings,
                clock), redis);
    }
}
