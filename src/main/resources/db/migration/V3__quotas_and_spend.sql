-- Per-key rate limits, budgets and egress list, and the spend ledger that budgets are checked against.
-- Portable SQL (SQLite and PostgreSQL). Amounts of money are whole micro-dollars (1 USD = 1,000,000).
ALTER TABLE api_keys ADD COLUMN rpm INTEGER;
ALTER TABLE api_keys ADD COLUMN tpm INTEGER;
ALTER TABLE api_keys ADD COLUMN budget_daily_usd DOUBLE PRECISION;
ALTER TABLE api_keys ADD COLUMN budget_monthly_usd DOUBLE PRECISION;
-- Comma-separated lower-case data classes the key may send off the machine; NULL: the configured policy decides.
ALTER TABLE api_keys ADD COLUMN egress VARCHAR(200);

-- Settled spend per budget scope ('key:<id>', 'team:<name>', 'user:<name>') and period ('d:2026-11-25',
-- 'm:2026-11'). One node without Redis rebuilds its budget counters from here at start.
CREATE TABLE spend (
    scope       VARCHAR(300) NOT NULL,
    period      VARCHAR(16)  NOT NULL,
    micro_usd   BIGINT       NOT NULL,
    PRIMARY KEY (scope, period)
);
