-- The cost ratio's read model (OpportunityActivityLogged on pipeline.opportunity.v1): each costed follow-up activity's
-- reporting-currency cost as each owner's share by split (exact, rounded only in the ratio), written through the inbox.
-- A deal two reps share carries each share once, so a team's cost is the sum of its members' shares.
create table activity_cost (
    activity_id        uuid        not null,
    rep_id             uuid        not null,
    opportunity_id     uuid        not null,
    occurred_on        date        not null,
    reporting_cost     numeric     not null,
    reporting_currency text        not null,
    event_id           uuid        not null,
    recorded_at        timestamptz not null default now(),
    constraint activity_cost_pk primary key (activity_id, rep_id)
);
create index activity_cost_rep_idx on activity_cost (rep_id, occurred_on);

-- conversion rate counts the deals opened in a period: find them by their opening day
create index opportunity_fact_opened_idx on opportunity_fact (opened_on);
