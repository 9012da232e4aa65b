-- A unit's figures (GET /api/attainment/units/{id}, drill-down, re-derivation) read the lines rolled up to the unit in a
-- range of credit dates. attainment_line_unit had only (unit_id, metric), so every such read joined every line ever
-- rolled up to the unit before filtering by date (the company unit: the whole ledger). The credit date is a line's
-- (lines are written once, never updated), copied here so the index finds just the range.
alter table attainment_line_unit add column credit_date date;

update attainment_line_unit u
set credit_date = l.credit_date
from attainment_line l
where l.source_event_id = u.source_event_id and l.rep_id = u.rep_id and l.metric = u.metric;

alter table attainment_line_unit alter column credit_date set not null;

create index attainment_line_unit_unit_date_idx on attainment_line_unit (unit_id, metric, credit_date);
-- the new index's prefix serves every query the old one did
drop index attainment_line_unit_unit_idx;
