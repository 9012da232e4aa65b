-- Transactional outbox: a service writes its events here in the same transaction as the change they describe;
-- OutboxRelay publishes them to Kafka. Same shape as spring-modulith's event_publication, plus relay state.
CREATE TABLE outbox_event (
    id              uuid        PRIMARY KEY,
    -- insertion order; the relay publishes in this order, so a key's events leave in the order they were written
    position        bigint      GENERATED ALWAYS AS IDENTITY,
    topic           text        NOT NULL,
    message_key     text        NOT NULL,
    event_type      text        NOT NULL,
    schema_version  text        NOT NULL,
    payload         jsonb       NOT NULL,
    headers         jsonb       NOT NULL,
    aggregate_id    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at    timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    -- set after a failed send: the row (and every later row of its key) waits until then
    next_attempt_at timestamptz
);

CREATE UNIQUE INDEX outbox_event_position_uk ON outbox_event (position);
-- what the relay scans: pending rows in order, and pending rows of given keys
CREATE INDEX outbox_event_pending_idx ON outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX outbox_event_pending_key_idx ON outbox_event (message_key, position) WHERE published_at IS NULL;
-- what the purge scans
CREATE INDEX outbox_event_published_idx ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Idempotent consumer: one row per (consumer, event) applied, written in the same transaction as the effect.
-- Kept forever, so replaying a topic from offset 0 changes nothing.
CREATE TABLE inbox_event (
    consumer    text        NOT NULL,
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_id)
);
