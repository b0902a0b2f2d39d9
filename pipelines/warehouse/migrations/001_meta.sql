-- The warehouse's own bookkeeping: applied migrations and input snapshots.
CREATE SCHEMA IF NOT EXISTS meta;
CREATE SCHEMA IF NOT EXISTS snap;

CREATE TABLE meta.snapshots (
    snapshot_id      BIGINT PRIMARY KEY,
    created_at       TIMESTAMP NOT NULL,
    source           VARCHAR NOT NULL,
    contract_version VARCHAR NOT NULL,
    is_current       BOOLEAN NOT NULL
);

CREATE TABLE meta.snapshot_files (
    snapshot_id BIGINT NOT NULL,
    table_name  VARCHAR NOT NULL,
    file        VARCHAR NOT NULL,
    format      VARCHAR NOT NULL,
    encoding    VARCHAR,
    sha256      VARCHAR NOT NULL,
    bytes       BIGINT NOT NULL,
    rows        BIGINT NOT NULL
);

CREATE TABLE meta.snapshot_warnings (
    snapshot_id BIGINT NOT NULL,
    file        VARCHAR NOT NULL,
    "row"       BIGINT,
    "column"    VARCHAR,
    rule        VARCHAR NOT NULL,
    message_zh  VARCHAR NOT NULL,
    message_en  VARCHAR NOT NULL
);
