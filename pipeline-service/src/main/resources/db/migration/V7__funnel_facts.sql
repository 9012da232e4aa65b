-- issue #18: per-deal funnel facts kept on write, so the funnel over a window reads one narrow row per deal (and one per
-- deal × open stage it finished a stay in) instead of re-deriving every deal from all its stage visits.
-- A fact row is a pure function of the deal and its stage history: the two views below derive it, and the store writes
-- it from them (same transaction) after every change of the deal; the backfill at the end uses the same views.
-- The facts equal the as-of derivation for any asOf on or after the deal's last_day (its last dated change); the
-- funnel reads them only when no deal of the pipeline changed after its asOf, otherwise it derives as before.

create table funnel_deal (
    id                   uuid           primary key references opportunity (id),
    pipeline_id          uuid           not null,
    created_on           date           not null,
    -- the latest of the deal's days (created, every stage entered and left): the facts hold for any asOf from it on
    last_day             date           not null,
    -- the distinct open stages the deal ever entered (as the history recorded them); the reader takes the furthest by
    -- the pipeline's order at read time, so reordering stages needs no rewrite
    open_stages_entered  uuid[]         not null,
    -- WON or LOST when the last visit is a closed stage not left since; null while open (or suspended, terminated)
    outcome              text           check (outcome in ('WON', 'LOST')),
    -- days from creation to the win (last visit's entry), never below 0; 0 unless won
    cycle_days           integer        not null,
    currency             char(3)        not null,
    amount               numeric(19, 4) not null,
    won_reporting_amount numeric(19, 4),
    loss_reason          text,
    competitor           text
);
create index funnel_deal_window_idx on funnel_deal (pipeline_id, created_on);
create index funnel_deal_last_day_idx on funnel_deal (pipeline_id, last_day);

-- finished stays in open stages per deal and stage: how many and their whole days
create table funnel_stay (
    id          uuid    not null references opportunity (id),
    stage_id    uuid    not null,
    pipeline_id uuid    not null,
    created_on  date    not null,
    stays       integer not null,
    days        bigint  not null,
    constraint funnel_stay_pk primary key (id, stage_id)
);
create index funnel_stay_window_idx on funnel_stay (pipeline_id, created_on);

create view funnel_deal_source as
select o.id, o.pipeline_id, o.created_on,
       greatest(o.created_on, max(h.entered_on), max(h.left_on)) as last_day,
       coalesce(array_agg(distinct h.stage_id) filter (where h.closed_as is null), '{}') as open_stages_entered,
       l.outcome,
       case when l.outcome = 'WON' then greatest(0, l.entered_on - o.created_on) else 0 end as cycle_days,
       o.currency, o.amount, o.won_reporting_amount,
       case when l.outcome = 'LOST' then o.loss_reason end as loss_reason,
       case when l.outcome = 'LOST' then o.competitor end as competitor
from opportunity o
join opportunity_stage_history h on h.opportunity_id = o.id
join lateral (select case when x.left_on is null and x.closed_as in ('WON', 'LOST') then x.closed_as end as outcome,
                     x.entered_on
              from opportunity_stage_history x where x.opportunity_id = o.id
              order by x.seq desc limit 1) l on true
group by o.id, l.outcome, l.entered_on;

create view funnel_stay_source as
select h.opportunity_id as id, h.stage_id, o.pipeline_id, o.created_on, count(*)::integer as stays,
       sum(h.left_on - h.entered_on) as days
from opportunity o
join opportunity_stage_history h on h.opportunity_id = o.id
where h.closed_as is null and h.left_on is not null
group by h.opportunity_id, h.stage_id, o.pipeline_id, o.created_on;

-- backfill every existing deal
insert into funnel_deal select * from funnel_deal_source;
insert into funnel_stay select * from funnel_stay_source;
