-- Behind-pace state per owner x metric x period x threshold: an alert is raised once per crossing (issue #20).
create table attainment_pace_state (
    owner_type        text         not null,
    owner_id          uuid         not null,
    metric            text         not null,
    period_key        text         not null,
    threshold_percent numeric(7,2) not null,
    state             text         not null,
    -- the as-of date of the AttainmentBehindPace this owner is behind since; null while on pace
    behind_since      date,
    -- how many times the owner crossed below the threshold in this period (part of the alerts' name-based ids)
    crossings         integer      not null default 0,
    evaluated_on      date         not null,
    updated_at        timestamptz  not null default now(),
    constraint attainment_pace_state_pk primary key (owner_type, owner_id, metric, period_key, threshold_percent),
    constraint attainment_pace_state_state_ck check (state in ('ON_PACE', 'BEHIND'))
);
