package dev.hearth.limits;

import dev.hearth.catalog.Price;
import dev.hearth.catalog.PriceList;
import dev.hearth.routing.Route;
import io.github.bucket4j.BucketConfiguration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link Admission} reserved for one request: token-bucket tokens and budget money, given back or charged to
 * the actual usage by {@link #settle}, exactly once (later calls do nothing). Thread-safe.
 */
public final class Ticket {
    private static final Logger LOG = LoggerFactory.getLogger(Ticket.class);

    /**
     * A bucket this request took from, and how much: {@code settles} for token buckets (TPM), whose take is
     * corrected to the actual usage; a request bucket's one token is simply spent.
     */
    record TokenHold(String bucket, BucketConfiguration config, long tokens, boolean settles) {}

    private final RateBuckets rates;
    private final BudgetCounters budgets;
    private final SpendLedger ledger;
    private final PriceList prices;
    private final List<TokenHold> tokenHolds;
    private final List<BudgetCounters.Line> budgetLines;
    private final long reservedMicroUsd;
    private final int promptTokens;
    private final RateLimitState state;
    private final AtomicBoolean settled = new AtomicBoolean();

    Ticket(RateBuckets rates, BudgetCounters budgets, SpendLedger ledger, PriceList prices, List<TokenHold> tokenHolds,
            List<BudgetCounters.Line> budgetLines, long reservedMicroUsd, int promptTokens, RateLimitState state) {
        this.rates = rates;
        this.budgets = budgets;
        this.ledger = ledger;
        this.prices = prices;
        this.tokenHolds = List.copyOf(tokenHolds);
        this.budgetLines = List.copyOf(budgetLines);
        this.reservedMicroUsd = reservedMicroUsd;
        this.promptTokens = promptTokens;
        this.state = state;
    }

    /** Settlement is not awaited (the answer is already on its way); a counter that could not be corrected is logged. */
    private static void logFailure(CompletableFuture<Void> update, String what) {
        update.exceptionally(failed -> {
            LOG.warn("could not {} (the counter stays as it was until its period ends): {}", what, failed.toString());
            return null;
        });
    }

    /** A request that no limit or budget applies to: settling only prices it. */
    public static Ticket unmetered(PriceList prices) {
        return new Ticket(null, null, SpendLedger.NONE, prices, List.of(), List.of(), 0, 0, RateLimitState.NONE);
    }

    /** Whether settling needs the actual token counts (a TPM limit or a budget holds something). */
    public boolean metered() {
        return tokenHolds.stream().anyMatch(TokenHold::settles) || !budgetLines.isEmpty();
    }

    /** The prompt tokens counted at admission (0 when no limit needed them). */
    public int promptTokens() {
        return promptTokens;
    }

    public RateLimitState state() {
        return state;
    }

    /**
     * Ends the reservation at the actual usage: {@code answered} is the route that served the request (null when
     * none did: everything is released). Returns the request's cost in micro-dollars, empty when its model has no
     * price.
     */
    public Optional<Long> settle(Route answered, long prompt, long completion) {
        Optional<Price> price = answered == null ? Optional.empty()
                : prices.priceOf(answered.backend().name(), answered.model(), answered.info());
        long actualMicroUsd = answered == null ? 0 : price.map(p -> p.microUsd(prompt, completion)).orElse(0L);
        if (settled.compareAndSet(false, true)) {
            long usedTokens = answered == null ? 0 : prompt + completion;
            for (TokenHold hold : tokenHolds) {
                if (!hold.settles()) {
                    continue;
                }
                long unused = hold.tokens() - usedTokens;
                if (unused > 0) {
                    logFailure(rates.refund(hold.bucket(), hold.config(), unused), "give back unused tokens");
                } else if (unused < 0) {
                    logFailure(rates.charge(hold.bucket(), hold.config(), -unused), "charge tokens beyond the hold");
                }
            }
            if (!budgetLines.isEmpty()) {
                logFailure(budgets.adjust(budgetLines, actualMicroUsd - reservedMicroUsd),
                        "settle a budget reservation");
                if (actualMicroUsd > 0) {
                    ledger.add(budgetLines.stream().map(BudgetCounters.Line::counter).toList(), actualMicroUsd);
                }
            }
        }
        return answered == null ? Optional.of(0L) : price.map(p -> actualMicroUsd);
    }
}
