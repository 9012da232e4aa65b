-- every suspension of an opportunity, not only the current one, so a forecast or funnel as of any past day knows whether
-- the deal was suspended then: suspended from suspended_on (company-zone day) until ended_on (reactivated, terminated
-- or archived; null while it lasts). A deal is suspended on day d when suspended_on <= d < ended_on.
create table opportunity_suspension (
    opportunity_id uuid not null references opportunity (id),
    suspended_on   date not null,
    ended_on       date,
    constraint opportunity_suspension_pk primary key (opportunity_id, suspended_on),
    constraint opportunity_suspension_order check (ended_on is null or ended_on >= suspended_on)
);
-- at most one open suspension per deal
create unique index opportunity_suspension_open_idx on opportunity_suspension (opportunity_id) where ended_on is null;

-- the deals suspended now: their current suspension (from before V3 the day is unknown: the day they were created)
insert into opportunity_suspension (opportunity_id, suspended_on)
select id, coalesce(suspended_on, created_on) from opportunity where status = 'SUSPENDED';
