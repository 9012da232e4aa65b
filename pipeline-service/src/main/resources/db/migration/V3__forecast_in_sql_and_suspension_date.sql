-- The forecast and the funnel aggregate in SQL (issue #18): per-deal amounts are rounded HALF_EVEN to the minor
-- unit before summing, exactly as the Java arithmetic does, so every figure is still the sum of its lines.
-- PostgreSQL's round(numeric, int) rounds half away from zero; this one rounds a tie to the even neighbour.
create function round_half_even(x numeric, places integer) returns numeric
    language sql immutable strict parallel safe
as $$
    select case
               when abs(x * power(10::numeric, places) - trunc(x * power(10::numeric, places))) = 0.5
                    and mod(trunc(x * power(10::numeric, places)), 2) = 0
                   then trunc(x, places)
               else round(x, places)
           end
$$;

-- the day a deal was suspended (company zone), so a forecast as of an earlier day still counts it as open;
-- null while it is not suspended
alter table opportunity add column suspended_on date;

-- the forecast joins each deal to the stage it was in on the as-of day
create index opportunity_stage_history_asof_idx on opportunity_stage_history (opportunity_id, entered_on, left_on);
