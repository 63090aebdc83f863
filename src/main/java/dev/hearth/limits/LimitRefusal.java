package dev.hearth.limits;

import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;

/** A request refused by a rate limit or a budget, with the limit state the client's rate-limit headers show. */
public final class LimitRefusal extends GatewayException {
    private final transient RateLimitState state;

    public LimitRefusal(GatewayError error, RateLimitState state) {
        super(error);
        this.state = state;
    }

    public RateLimitState state() {
        return state;
    }
}
