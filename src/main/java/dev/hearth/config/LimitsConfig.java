package dev.hearth.config;

import dev.hearth.auth.Quota;
import dev.hearth.catalog.Price;
import java.net.URI;
import java.util.Map;

/**
 * Rate limits and budgets beyond each key's own, prices, and where the counters live.
 *
 * @param teams                  limits per team name
 * @param users                  limits per user (a key's owner)
 * @param pricing                price overrides: {@code backend/model}, {@code backend/*} or a bare model name
 * @param defaultMaxOutputTokens reserved for a request that sets no maximum output
 * @param redis                  shared counters for several nodes, or null for counters in this process
 */
public record LimitsConfig(Map<String, Quota> teams, Map<String, Quota> users, Map<String, Price> pricing,
        int defaultMaxOutputTokens, RedisConfig redis) {

    public LimitsConfig {
        teams = Map.copyOf(teams);
        users = Map.copyOf(users);
        pricing = Map.copyOf(pricing);
    }

    /**
     * @param url        {@code redis://host:port[/db]}; a password comes from {@code password}, never the file
     * @param keyPrefix  prefix of every key Hearth writes (several deployments can share one Redis)
     * @param failClosed refuse requests that have limits when Redis cannot be reached (default), else admit them
     *                   unmetered
     */
    public record RedisConfig(URI url, Secret password, String keyPrefix, boolean failClosed) {}

    public static LimitsConfig defaults() {
        return new LimitsConfig(Map.of(), Map.of(), Map.of(), 4096, null);
    }
}
