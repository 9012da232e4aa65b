-- A running import job beats every few seconds (issue #17). A job whose instance stopped (a restart, a crash) stops
-- beating; any instance then marks it FAILED with a reason (nothing of it was committed: it writes in one transaction).
alter table target_import_job add column heartbeat_at timestamptz not null default now();
