-- Per-user limits and budgets managed through the admin API (a user is a key's owner or a token's subject); they
-- override the configuration's limits.users for the same user. Portable SQL (SQLite and PostgreSQL). A change bumps
-- store_meta.key_generation in the same transaction, so every node's caches reload it with the keys.
CREATE TABLE user_limits (
    name                VARCHAR(200) NOT NULL PRIMARY KEY,
    rpm                 INTEGER,
    tpm                 INTEGER,
    budget_daily_usd    DOUBLE PRECISION,
    budget_monthly_usd  DOUBLE PRECISION,
    updated_at          BIGINT       NOT NULL
);
