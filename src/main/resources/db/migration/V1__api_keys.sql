-- API keys. Only a keyed hash of each key is stored (HMAC-SHA256 under the server secret, see
-- dev.hearth.auth.KeyHasher); the key itself is shown once when it is issued and never stored.
-- Portable SQL: these migrations run unchanged on SQLite and on PostgreSQL (PostgresMigrationTest).
-- Times are epoch milliseconds.
CREATE TABLE api_keys (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    prefix      VARCHAR(16)  NOT NULL UNIQUE,
    key_hash    CHAR(64)     NOT NULL,
    name        VARCHAR(200) NOT NULL,
    owner       VARCHAR(200),
    team        VARCHAR(200),
    role        VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'auditor', 'member')),
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);

-- The models and aliases a key may use; none listed means every model.
CREATE TABLE api_key_models (
    key_id    VARCHAR(32)  NOT NULL REFERENCES api_keys (id),
    position  INTEGER      NOT NULL,
    model     VARCHAR(200) NOT NULL,
    PRIMARY KEY (key_id, position)
);

-- Counters shared by every process on this store. key_generation moves with every key change, in the same
-- transaction, so that in-memory key caches know when to reload.
CREATE TABLE store_meta (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    int_value  BIGINT      NOT NULL
);

INSERT INTO store_meta (name, int_value) VALUES ('key_generation', 0);
