-- a statement may carry the client's own reference (e.g. a payroll run, or the demo loader's per rep and quarter), so a
-- client that retries after the idempotency key has expired finds the issued statement instead of failing
alter table commission_statement add column external_ref text;
create unique index commission_statement_external_ref_idx on commission_statement (external_ref) where external_ref is not null;
