-- issue #18 benchmark: the company forecast and funnel spent most of their time in round_half_even. Declared STRICT,
-- PostgreSQL could not inline it (a CASE is not strict), so each of ~200,000 calls per query went through the SQL
-- function executor (~30 µs each). Not strict, the same body is inlined into the query; a null in still gives null out.
create or replace function round_half_even(x numeric, places integer) returns numeric
    language sql immutable parallel safe
as $$
    select case
               when abs(x * power(10::numeric, places) - trunc(x * power(10::numeric, places))) = 0.5
                    and mod(trunc(x * power(10::numeric, places)), 2) = 0
                   then trunc(x, places)
               else round(x, places)
           end
$$;

-- the day (company zone) a deal was terminated, and archived: a forecast as of an earlier day still counts it as it was
-- then (open or suspended), not by its status now; null while it is not
alter table opportunity add column terminated_on date, add column archived_on date;

-- deals terminated or archived before this migration: the day is not recorded; their last change is the best estimate
-- (a terminated deal changes only by being archived; an archived one not at all)
update opportunity set terminated_on = cast(updated_at as date) where status = 'TERMINATED';
update opportunity set archived_on = cast(updated_at as date) where status = 'ARCHIVED';
-- an archived deal still in an open stage was terminated first (only closed or terminated deals are archived)
update opportunity o set terminated_on = o.archived_on
where o.status = 'ARCHIVED' and exists (select 1 from pipeline_stage s where s.id = o.stage_id and s.closed_as is null);
