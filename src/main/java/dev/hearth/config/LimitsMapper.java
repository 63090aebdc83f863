package dev.hearth.config;

import dev.hearth.auth.Quota;
import dev.hearth.catalog.Price;
import dev.hearth.config.ConfigNode.Field;
import dev.hearth.config.ConfigNode.Mapping;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code limits} and {@code pricing} sections, as strictly as the rest:
 *
 * <pre>
 * limits:
 *   teams:
 *     platform: { rpm: 600, tpm: 200000, budget-daily: 50, budget-monthly: 1000 }
 *   users:
 *     alice@example.com: { budget-daily: 5 }
 *   default-max-output-tokens: 4096     # reserved when a request sets no maximum
 *   redis:                              # counters shared by every node; absent: in this process
 *     url: redis://127.0.0.1:6379
 *     password: ${REDIS_PASSWORD}       # optional
 *     key-prefix: "hearth:"
 *     on-failure: fail-closed           # fail-closed | fail-open
 * pricing:                              # USD per million tokens
 *   gpt-4o: { input: 2.50, output: 10.00 }
 *   ollama/*: { input: 0.05, output: 0.15 }
 * </pre>
 */
final class LimitsMapper {
    static final List<String> KEYS = List.of("teams", "users", "default-max-output-tokens", "redis");
    private static final List<String> QUOTA_KEYS = List.of("rpm", "tpm", "budget-daily", "budget-monthly");
    private static final List<String> REDIS_KEYS = List.of("url", "password", "key-prefix", "on-failure");
    private static final List<String> PRICE_KEYS = List.of("input", "output");

    private final NodeReader read;

    LimitsMapper(NodeReader read) {
        this.read = read;
    }

    LimitsConfig map(Section limits, Mapping pricing) {
        LimitsConfig d = LimitsConfig.defaults();
        return new LimitsConfig(
                limits.get("teams").map(this::quotas).orElse(Map.of()),
                limits.get("users").map(this::quotas).orElse(Map.of()),
                pricing == null ? Map.of() : prices(pricing),
                limits.integer("default-max-output-tokens", 1, 10_000_000, d.defaultMaxOutputTokens()),
                limits.get("redis").map(node -> redis(read.section(node, REDIS_KEYS))).orElse(null));
    }

    private Map<String, Quota> quotas(ConfigNode node) {
        Map<String, Quota> quotas = new LinkedHashMap<>();
        for (Field field : read.mapping(node).fields().values()) {
            Section s = read.section(field.value(), QUOTA_KEYS);
            quotas.put(field.key(), new Quota(
                    s.get("rpm").map(n -> (int) read.integer(n, 1, Integer.MAX_VALUE)).orElse(null),
                    s.get("tpm").map(n -> (int) read.integer(n, 1, Integer.MAX_VALUE)).orElse(null),
                    s.get("budget-daily").map(n -> read.decimal(n, 0, 1e9)).orElse(null),
                    s.get("budget-monthly").map(n -> read.decimal(n, 0, 1e9)).orElse(null)));
        }
        return quotas;
    }

    private Map<String, Price> prices(Mapping pricing) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (Field field : pricing.fields().values()) {
            Section s = read.section(field.value(), PRICE_KEYS);
            prices.put(field.key(), new Price(read.decimal(s.require("input"), 0, 1e6),
                    read.decimal(s.require("output"), 0, 1e6)));
        }
        return prices;
    }

    private LimitsConfig.RedisConfig redis(Section s) {
        URI url = read.url(s.require("url"), List.of("redis", "rediss"), "a URL like \"redis://127.0.0.1:6379\"",
                "a password goes in 'password' as a ${VAR} reference");
        Secret password = s.get("password").map(read::secret).orElse(null);
        boolean failClosed = s.get("on-failure").map(node -> read.oneOf(node,
                Map.of("fail-closed", true, "fail-open", false))).orElse(true);
        return new LimitsConfig.RedisConfig(url, password, s.string("key-prefix", "hearth:"), failClosed);
    }
}
