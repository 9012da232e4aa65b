-- What the batch consumer did: one row per event it applied, with the size of the call that applied it.
CREATE TABLE deal_batch_effect (
    applied_order bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid        NOT NULL,
    deal_id       uuid        NOT NULL,
    account_id    text        NOT NULL,
    seq           integer     NOT NULL,
    call_size     integer     NOT NULL
);
