-- A large CSV import runs as a job: its progress and its result (created count, or every bad row) can be polled.
create table target_import_job (
    id              uuid        primary key,
    status          text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    phase           text        not null check (phase in ('VALIDATING', 'WRITING', 'DONE')),
    total_rows      int         not null,
    processed_rows  int         not null default 0,
    created_targets int,
    errors          jsonb,
    created_by      text        not null,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz
);
