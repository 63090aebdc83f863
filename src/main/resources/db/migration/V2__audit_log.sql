-- The audit log: append-only, one hash chain per node (see dev.hearth.audit.ChainHash). body is the record's
-- canonical JSON exactly as hashed; request_id and key_id are copies of body fields, for look-ups only.
CREATE TABLE audit_records (
    node_id     VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    ts          BIGINT       NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    request_id  VARCHAR(128),
    key_id      VARCHAR(32),
    body        TEXT         NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL,
    PRIMARY KEY (node_id, seq)
);

CREATE INDEX audit_records_ts ON audit_records (ts);
CREATE INDEX audit_records_request ON audit_records (request_id);

-- Signed checkpoints: "record seq of node_id had this hash", signed with the node's Ed25519 key.
CREATE TABLE audit_checkpoints (
    node_id    VARCHAR(64)  NOT NULL,
    seq        BIGINT       NOT NULL,
    ts         BIGINT       NOT NULL,
    hash       CHAR(64)     NOT NULL,
    key_id     VARCHAR(32)  NOT NULL,
    signature  VARCHAR(128) NOT NULL,
    PRIMARY KEY (node_id, seq)
);
