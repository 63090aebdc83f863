package dev.hearth.routing;

/** How an alias orders its eligible candidates. */
public enum Strategy {
    /** As listed in the alias. */
    ORDERED,
    /** Local candidates first, unless the quality estimate says the request needs a stronger model. */
    LOCAL_FIRST,
    /** Cheapest expected cost first (prompt and output tokens at each model's price; local models at their cost). */
    COST,
    /** Lowest expected time to first token first (a moving average per backend). */
    LATENCY,
    /** Strongest first when the quality estimate passes the alias's knob, cheapest first otherwise. */
    QUALITY
}
