-- api-conventions' own tables, with their own Flyway history (api_conventions_schema_history), so their version
-- numbers never clash with the service's migrations.

-- Idempotency-Key for POSTs that create: the first answer is stored in the same transaction as the create and
-- answered again for a retry. Keys are per caller (JWT sub), so one client never sees another's answer by guessing
-- its key. A request still in flight holds a transaction-scoped advisory lock on (caller, key) instead of a row
-- state: it disappears with the transaction, so a crash never leaves a key stuck "in flight".
create table idempotency_key (
    caller            text        not null,
    key               text        not null,
    request_method    text        not null,
    request_path      text        not null,
    -- SHA-256 of method, path and the canonical JSON body: the same key with another request is 422, not a replay
    request_hash      text        not null,
    response_status   integer     not null,
    -- the exact text first sent (text, not jsonb, so the replay is byte for byte the same)
    response_body     text,
    response_location text,
    -- other headers of the first answer (e.g. ETag), a JSON object of name to value
    response_headers  text,
    created_at        timestamptz not null default now(),
    constraint idempotency_key_pk primary key (caller, key)
);
-- kept at least 24 h (quota.api.idempotency.retention, default 48 h); the purge deletes by age
create index idempotency_key_created_at_idx on idempotency_key (created_at);

-- Audit trail of changes (targets, plans, contracts, org data): who, when, what, why, the state before and after,
-- and the trace id of the request. Written in the same transaction as the change.
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
