package dev.hearth.limits;

import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.catalog.Price;
import dev.hearth.catalog.PriceList;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admit stage: rate limits (requests and tokens per minute) and budgets (USD per day and month) of the
 * principal's key, team and user, checked and reserved before a request is sent.
 *
 * <ul>
 *   <li>Each limit is a token bucket ({@link RateBuckets}): one token per request for RPM; for TPM the prompt's tokens
 *       plus the request's maximum output, corrected to the actual count when the answer ends.</li>
 *   <li>A budget reserves the worst case: the prompt plus the maximum output at the most expensive candidate of the
 *       route plan (failover may use any of them); the {@link Ticket} settles at the model that answered.</li>
 *   <li>A refusal ({@link LimitRefusal}) takes nothing: whatever was taken for the request is given back.</li>
 *   <li>When the counters cannot be reached (Redis down) the request is refused ({@code failClosed}, the default)
 *       or admitted unmetered, as configured.</li>
 * </ul>
 * Thread-safe; never blocks (the prompt is counted on the calling thread, once, only when a limit needs it).
 */
public final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    private static final long DAY_TTL_SECONDS = Duration.ofDays(2).toSeconds();
    private static final long MONTH_TTL_SECONDS = Duration.ofDays(33).toSeconds();

    /**
     * @param teams                  a team's limits by name, or null (read per request: they can change at run time)
     * @param users                  a user's limits (a key's owner, a token's subject), or null; read per request
     * @param defaultMaxOutputTokens the output reserved for a request that sets no maximum
     * @param failClosed             refuse requests that have a limit when the counters cannot be reached
     */
    public record Settings(Function<String, Quota> teams, Function<String, Quota> users, int defaultMaxOutputTokens,
            boolean failClosed) {
        public static Settings defaults() {
            return new Settings(team -> null, user -> null, 4096, true);
        }
    }

    /** One level whose quota applies: the key, its team or its user. */
    private record Level(String scope, String label, Quota quota) {}

    /** One bucket to take from. */
    private record Take(String bucket, BucketConfiguration config, long tokens, Level level, boolean requests) {}

    private final RateBuckets rates;
    private final BudgetCounters budgets;
    private final SpendLedger ledger;
    private final PriceList prices;
    private final Settings settings;
    private final Clock clock;

    public Admission(RateBuckets rates, BudgetCounters budgets, SpendLedger ledger, PriceList prices,
            Settings settings, Clock clock) {
        this.rates = rates;
        this.budgets = budgets;
        this.ledger = ledger;
        this.prices = prices;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Admits the request or refuses it. The future fails with a {@link LimitRefusal} (429, or 503 when the counters
     * are unreachable and the policy fails closed); otherwise it holds the ticket to settle when the request ends.
     *
     * @param promptTokens counts the prompt's tokens; called at most once
     * @param maxTokens    the client's maximum output tokens, or null
     */
    public CompletableFuture<Ticket> admit(Principal principal, RoutePlan plan, IntSupplier promptTokens,
            Integer maxTokens) {
        List<Level> levels = levels(principal);
        if (levels.isEmpty()) {
            return CompletableFuture.completedFuture(Ticket.unmetered(prices));
        }
        boolean needsTokens = levels.stream().anyMatch(l -> l.quota().tpm() != null || l.quota().limitsSpend());
        int prompt = needsTokens ? promptTokens.getAsInt() : 0;
        long maxOutput = maxTokens != null && maxTokens > 0 ? maxTokens : settings.defaultMaxOutputTokens();
        long reservedTokens = prompt + maxOutput;
        List<Take> takes = new ArrayList<>();
        for (Level level : levels) {
            if (level.quota().rpm() != null) {
                takes.add(new Take("rpm|" + level.scope(), perMinute(level.quota().rpm()), 1, level, true));
            }
            if (level.quota().tpm() != null) {
                int tpm = level.quota().tpm();
                if (reservedTokens > tpm) {
                    return CompletableFuture.failedFuture(new LimitRefusal(new GatewayError(ErrorKind.RATE_LIMITED,
                            "Request too large: it may use up to " + reservedTokens + " tokens (prompt " + prompt
                                    + " + max output " + maxOutput + "), more than the " + tpm
                                    + " tokens per minute allowed for " + level.label() + ". Lower max_tokens.",
                            "rate_limit_exceeded", "max_tokens", null), RateLimitState.NONE));
                }
                takes.add(new Take("tpm|" + level.scope(), perMinute(tpm), reservedTokens, level, false));
            }
        }
        Instant now = clock.instant();
        List<BudgetCounters.Line> lines = budgetLines(levels, now);
        long worstMicroUsd = 0;
        if (!lines.isEmpty()) {
            for (Route route : plan.routes()) {
                Optional<Price> price = prices.priceOf(route.backend().name(), route.model(), route.info());
                if (price.isEmpty()) {
                    return CompletableFuture.failedFuture(new LimitRefusal(new GatewayError(ErrorKind.UNAVAILABLE,
                            "No price is configured for " + route.ref() + ", so the budget of "
                                    + budgetedLabel(levels) + " cannot be enforced and the request was not sent."
                                    + " An operator can set one under 'pricing' in the configuration.",
                            "model_unpriced", null, null), RateLimitState.NONE));
                }
                worstMicroUsd = Math.max(worstMicroUsd, price.get().microUsd(prompt, maxOutput));
            }
        }
        long reserve = worstMicroUsd;
        List<Ticket.TokenHold> holds = new ArrayList<>();
        return takeAll(takes, holds, new StateBuilder())
                .thenCompose(state -> reserveBudget(lines, reserve, now, levels, holds, state).thenApply(ok ->
                        new Ticket(rates, budgets, ledger, prices, holds, lines, reserve, prompt, state.build())))
                .handle((ticket, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(ticket);
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof LimitRefusal refusal) {
                        return CompletableFuture.<Ticket>failedFuture(refusal);
                    }
                    return unreachable(cause, holds);
                }).thenCompose(f -> f);
    }

    /**
     * Takes from every bucket at once (with shared counters each take is a network round trip or two, so they are
     * not made one after another); if any bucket is empty, gives back what the others took and refuses, naming the
     * first empty one in plan order.
     */
    private CompletableFuture<StateBuilder> takeAll(List<Take> takes, List<Ticket.TokenHold> holds,
            StateBuilder state) {
        if (takes.isEmpty()) {
            return CompletableFuture.completedFuture(state);
        }
        List<CompletableFuture<ConsumptionProbe>> probes = new ArrayList<>(takes.size());
        for (Take take : takes) {
            probes.add(rates.tryConsume(take.bucket(), take.config(), take.tokens()));
        }
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).handle((all, failed) -> {
            Take refused = null;
            ConsumptionProbe refusedProbe = null;
            Throwable unreachable = null;
            for (int i = 0; i < takes.size(); i++) {
                Take take = takes.get(i);
                CompletableFuture<ConsumptionProbe> probe = probes.get(i);
                if (probe.isCompletedExceptionally()) {
                    unreachable = probe.handle((p, cause) -> cause).join();
                    continue;
                }
                ConsumptionProbe taken = probe.join();
                state.add(take, taken);
                if (taken.isConsumed()) {
                    holds.add(new Ticket.TokenHold(take.bucket(), take.config(), take.tokens(), !take.requests()));
                } else if (refused == null) {
                    refused = take;
                    refusedProbe = taken;
                }
            }
            if (unreachable != null) {
                throw new CompletionException(unreachable); // the caller gives back what was taken
            }
            if (refused != null) {
                refundAll(holds);
                Duration wait = Duration.ofNanos(refusedProbe.getNanosToWaitForRefill());
                throw new CompletionException(new LimitRefusal(new GatewayError(ErrorKind.RATE_LIMITED,
                        "Rate limit reached for " + refused.level().label() + ": " + refused.config().getBandwidths()[0]
                                .getCapacity() + (refused.requests() ? " requests" : " tokens") + " per minute. Retry in "
                                + Math.max(1, (wait.toMillis() + 999) / 1000) + " s.",
                        "rate_limit_exceeded", null, wait), state.build()));
            }
            return state;
        });
    }

    private CompletableFuture<Void> reserveBudget(List<BudgetCounters.Line> lines, long amount, Instant now,
            List<Level> levels, List<Ticket.TokenHold> holds, StateBuilder state) {
        if (lines.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return budgets.reserve(lines, amount).thenCompose(outcome -> {
            if (outcome.reserved()) {
                return CompletableFuture.completedFuture(null);
            }
            refundAll(holds);
            BudgetCounters.Line full = lines.get(outcome.refusedLine());
            boolean monthly = full.counter().contains("|m:");
            String label = levelOf(levels, full).label();
            Duration untilReset = Periods.untilEnd(now, monthly);
            return CompletableFuture.failedFuture(new LimitRefusal(new GatewayError(ErrorKind.RATE_LIMITED,
                    "Budget exhausted for " + label + ": " + usd(outcome.spentMicroUsd()) + " of "
                            + usd(full.limitMicroUsd()) + " USD " + (monthly ? "this month" : "today")
                            + " is spent or reserved, and this request may cost up to " + usd(amount)
                            + " USD. The budget resets at the start of the next UTC " + (monthly ? "month" : "day")
                            + ".", "insufficient_quota", null, untilReset), state.build()));
        });
    }

    private CompletableFuture<Ticket> unreachable(Throwable cause, List<Ticket.TokenHold> holds) {
        refundAll(holds);
        if (settings.failClosed()) {
            LOG.warn("rate-limit and budget counters unreachable; request refused (fail closed): {}",
                    cause.toString());
            return CompletableFuture.failedFuture(new LimitRefusal(new GatewayError(ErrorKind.UNAVAILABLE,
                    "The shared rate-limit and budget counters cannot be reached, so requests with limits are refused"
                            + " (limits.redis.on-failure: fail-closed). Try again shortly.",
                    "limits_unavailable", null, Duration.ofSeconds(1)), RateLimitState.NONE));
        }
        LOG.warn("rate-limit and budget counters unreachable; request admitted unmetered (fail open): {}",
                cause.toString());
        return CompletableFuture.completedFuture(Ticket.unmetered(prices));
    }

    private void refundAll(List<Ticket.TokenHold> holds) {
        for (Ticket.TokenHold hold : holds) {
            rates.refund(hold.bucket(), hold.config(), hold.tokens()).exceptionally(failed -> {
                LOG.warn("could not give back {} tokens to a rate-limit bucket: {}", hold.tokens(), failed.toString());
                return null;
            });
        }
        holds.clear();
    }

    private List<Level> levels(Principal principal) {
        List<Level> levels = new ArrayList<>(3);
        if (principal.hasKey() && !principal.quota().isNone()) {
            levels.add(new Level("key:" + principal.keyId(), "key " + principal.prefix(), principal.quota()));
        }
        if (principal.team() != null) {
            Quota team = settings.teams().apply(principal.team());
            if (team != null && !team.isNone()) {
                levels.add(new Level("team:" + principal.team(), "team " + principal.team(), team));
            }
        }
        if (principal.user() != null) {
            Quota user = settings.users().apply(principal.user());
            if (user != null && !user.isNone()) {
                levels.add(new Level("user:" + principal.user(), "user " + principal.user(), user));
            }
        }
        return levels;
    }

    private static List<BudgetCounters.Line> budgetLines(List<Level> levels, Instant now) {
        List<BudgetCounters.Line> lines = new ArrayList<>();
        for (Level level : levels) {
            if (level.quota().dailyUsd() != null) {
                lines.add(new BudgetCounters.Line(level.scope() + "|" + Periods.day(now),
                        micro(level.quota().dailyUsd()), DAY_TTL_SECONDS));
            }
            if (level.quota().monthlyUsd() != null) {
                lines.add(new BudgetCounters.Line(level.scope() + "|" + Periods.month(now),
                        micro(level.quota().monthlyUsd()), MONTH_TTL_SECONDS));
            }
        }
        return lines;
    }

    private static Level levelOf(List<Level> levels, BudgetCounters.Line line) {
        return levels.stream().filter(l -> line.counter().startsWith(l.scope() + "|")).findFirst().orElseThrow();
    }

    private static String budgetedLabel(List<Level> levels) {
        return levels.stream().filter(l -> l.quota().limitsSpend()).map(Level::label).findFirst().orElse("the caller");
    }

    private static BucketConfiguration perMinute(long capacity) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, Duration.ofMinutes(1))).build();
    }

    private static long micro(double usd) {
        return Math.round(usd * 1_000_000);
    }

    private static String usd(long microUsd) {
        return String.format(Locale.ROOT, "%.4f", microUsd / 1_000_000.0);
    }

    /** The tightest request and token buckets seen, for the headers. */
    private static final class StateBuilder {
        private Take requests;
        private ConsumptionProbe requestsProbe;
        private Take tokens;
        private ConsumptionProbe tokensProbe;

        void add(Take take, ConsumptionProbe probe) {
            if (take.requests()) {
                if (requestsProbe == null || probe.getRemainingTokens() < requestsProbe.getRemainingTokens()) {
                    requests = take;
                    requestsProbe = probe;
                }
            } else if (tokensProbe == null || probe.getRemainingTokens() < tokensProbe.getRemainingTokens()) {
                tokens = take;
                tokensProbe = probe;
            }
        }

        RateLimitState build() {
            return new RateLimitState(
                    requests == null ? null : capacity(requests), requestsProbe == null ? null
                            : Math.max(0, requestsProbe.getRemainingTokens()),
                    requestsProbe == null ? null : Duration.ofNanos(Math.max(requestsProbe.getNanosToWaitForReset(),
                            requestsProbe.getNanosToWaitForRefill())),
                    tokens == null ? null : capacity(tokens), tokensProbe == null ? null
                            : Math.max(0, tokensProbe.getRemainingTokens()),
                    tokensProbe == null ? null : Duration.ofNanos(Math.max(tokensProbe.getNanosToWaitForReset(),
                            tokensProbe.getNanosToWaitForRefill())));
        }

        private static long capacity(Take take) {
            return take.config().getBandwidths()[0].getCapacity();
        }
    }
}
