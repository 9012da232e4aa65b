-- The test application's own tables (Boot's Flyway, flyway_schema_history), also at version 1, like a real service.
CREATE TABLE sales_deal (
    id         uuid          PRIMARY KEY,
    account_id text          NOT NULL,
    seq        integer       NOT NULL,
    amount     numeric(19,2) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT clock_timestamp()
);

-- What the consumer did: one row per application of an event, no uniqueness, so a double effect would show.
CREATE TABLE deal_effect (
    applied_order bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid        NOT NULL,
    deal_id       uuid        NOT NULL,
    account_id    text        NOT NULL,
    seq           integer     NOT NULL,
    applied_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
