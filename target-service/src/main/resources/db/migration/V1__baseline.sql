-- What every service needs from day one; business tables arrive with their features.

-- Idempotency-Key support for POSTs that create: the first response is stored in the same transaction as
-- the create and replayed for a retry. Keys are scoped to the caller (JWT sub) so one client can never
-- see another's response by guessing its key.
create table idempotency_key (
    key             text        not null,
    caller          text        not null,
    request_method  text        not null,
    request_path    text        not null,
    -- SHA-256 of method, path and body: the same key with a different request is rejected, not replayed
    request_hash    text        not null,
    response_status integer     not null,
    -- the exact bytes first sent (text, not jsonb, so the replay is byte-for-byte the same)
    response_body   text,
    resource_id     uuid,
    created_at      timestamptz not null default now(),
    constraint idempotency_key_pk primary key (caller, key)
);
-- kept at least 24 h; a purge deletes by age
create index idempotency_key_created_at_idx on idempotency_key (created_at);

-- Audit trail for targets, plans and org changes: who, when, what, why, and the state before and after.
create table audit_entry (
    id           uuid        not null,
    occurred_at  timestamptz not null,
    actor        text        not null,
    actor_rep_id uuid,
    action       text        not null,
    reason       text,
    entity_type  text        not null,
    entity_id    uuid        not null,
    before_state jsonb,
    after_state  jsonb,
    trace_id     text,
    constraint audit_entry_pk primary key (id)
);
create index audit_entry_entity_idx on audit_entry (entity_type, entity_id, occurred_at);
create index audit_entry_actor_idx on audit_entry (actor, occurred_at);
