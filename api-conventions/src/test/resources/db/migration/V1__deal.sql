-- The test app's one business table: a deal, updatable with optimistic locking.
create table deal (
    id         uuid           not null primary key,
    batch      text           not null,
    name       text           not null,
    amount     numeric(19, 2) not null,
    owner      text           not null,
    -- the optional id an integration syncs the deal by
    external_ref text         unique,
    version    bigint         not null,
    created_at timestamptz    not null
);
create index deal_batch_idx on deal (batch);
