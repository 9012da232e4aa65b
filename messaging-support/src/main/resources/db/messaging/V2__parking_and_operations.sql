-- Events a consumer did not apply: the dead-lettered one (poison) and, behind it, the later events of the same key
-- (parked so that no event of a key is applied ahead of an earlier one). Kept with their raw record for a redrive.
CREATE TABLE inbox_parked_event (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer          text        NOT NULL,
    -- the Kafka record key (null for a keyless record: nothing is parked behind it)
    message_key       text,
    topic             text        NOT NULL,
    kafka_partition   integer     NOT NULL,
    kafka_offset      bigint      NOT NULL,
    event_id          uuid,
    event_type        text,
    headers           jsonb       NOT NULL,
    payload           bytea,
    status            text        NOT NULL CHECK (status IN ('DEAD_LETTERED', 'PARKED', 'REDRIVEN', 'DISCARDED')),
    error             text,
    parked_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    resolved_at       timestamptz,
    resolved_by       text,
    resolution_reason text,
    UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);
CREATE INDEX inbox_parked_event_open_idx ON inbox_parked_event (consumer, message_key, id) WHERE resolved_at IS NULL;

-- One row per (consumer, key) while the key has unresolved events; consumers lock it FOR SHARE, a redrive FOR UPDATE.
CREATE TABLE inbox_parked_key (
    consumer    text        NOT NULL,
    message_key text        NOT NULL,
    parked_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, message_key)
);

-- Outbox rows that could not be sent after bounded attempts (too large, unknown topic): parked, listed, retried or
-- discarded by an operator. A parked row holds back the later rows of its key.
ALTER TABLE outbox_event ADD COLUMN parked_at timestamptz;
ALTER TABLE outbox_event ADD COLUMN discarded_at timestamptz;
ALTER TABLE outbox_event ADD COLUMN discard_reason text;
CREATE INDEX outbox_event_parked_idx ON outbox_event (position) WHERE parked_at IS NOT NULL AND published_at IS NULL;

-- Audit of operator actions (redrive, discard, retry).
CREATE TABLE messaging_operator_action (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor    text        NOT NULL,
    action   text        NOT NULL,
    target   text        NOT NULL,
    reason   text,
    outcome  text        NOT NULL
);
