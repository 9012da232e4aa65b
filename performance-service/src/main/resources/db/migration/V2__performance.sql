-- performance-service's own tables: KPI definitions, scorecard templates, soft ratings, scorecards, commission plans
-- and assignments, the read model of attainment credits and figures (from targets.attainment.v1), contract
-- terminations (from contracts.contract.v1), and issued commission statements with their lines.

create table kpi_definition (
    id          uuid        primary key,
    code        text        not null unique,
    name        text        not null,
    measure     text        not null,
    direction   text        not null,
    -- the scoring rule as JSON: {"type":"LINEAR","threshold":"60","target":"100","cap":"120"} or {"type":"BANDS","bands":[...]}
    rule        jsonb       not null,
    version     bigint      not null default 0,
    created_at  timestamptz not null default now()
);

-- one template per role: the KPIs with weights (summing to 100) and grade bands, as JSON
create table scorecard_template (
    id          uuid        primary key,
    name        text        not null,
    role        text        not null unique,
    kpis        jsonb       not null,
    grade_bands jsonb       not null,
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- a manager's soft rating (1..5) of a rep for a period; the latest rating per rep x period x measure counts
create table soft_rating (
    id            uuid          primary key,
    rep_id        uuid          not null,
    period_key    text          not null,
    measure       text          not null,
    rating        numeric(3, 2) not null check (rating >= 1 and rating <= 5),
    comment       text,
    rated_by      text          not null,
    rated_by_rep  uuid,
    rated_at      timestamptz   not null default now(),
    constraint soft_rating_uk unique (rep_id, period_key, measure)
);

-- finalized scorecards (live ones are computed on read from the read model): immutable once written
create table scorecard (
    id            uuid          primary key,
    rep_id        uuid          not null,
    unit_id       uuid,
    period_key    text          not null,
    template_id   uuid          not null,
    status        text          not null,
    score         numeric(9, 2) not null,
    grade         text          not null,
    rank_in_team  integer,
    team_size     integer,
    as_of         date          not null,
    kpis          jsonb         not null,
    finalized_by  text          not null,
    finalized_at  timestamptz   not null default now(),
    constraint scorecard_rep_period_uk unique (rep_id, period_key)
);

create table commission_plan (
    id                   uuid        primary key,
    name                 text        not null,
    metric               text        not null,
    mode                 text        not null,
    plan_period          text        not null,
    currency             text        not null,
    tiers                jsonb       not null,
    anchors              jsonb       not null,
    cap_amount           numeric(19, 4),
    clawback_window_days integer     not null,
    effective_from       date        not null,
    effective_to         date,
    version              bigint      not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

-- which plan pays a rep, and when
create table plan_assignment (
    id             uuid        primary key,
    plan_id        uuid        not null references commission_plan (id),
    rep_id         uuid        not null,
    effective_from date        not null,
    effective_to   date,
    created_at     timestamptz not null default now()
);
create index plan_assignment_rep_idx on plan_assignment (rep_id, effective_from);

-- every AttainmentChanged of a REP owner: the rep's credit line as attainment computed it (splits already applied)
create table attainment_credit (
    event_id          uuid           primary key,
    rep_id            uuid           not null,
    metric            text           not null,
    source_event_id   uuid           not null,
    source_event_type text           not null,
    credit_date       date           not null,
    amount            numeric(19, 4) not null,
    currency          text,
    opportunity_id    uuid,
    contract_id       uuid,
    payment_id        uuid,
    received_at       timestamptz    not null default now()
);
create index attainment_credit_rep_idx on attainment_credit (rep_id, metric, credit_date);

-- the latest actual and targets per owner (rep or unit) x metric x period, as AttainmentChanged carries them
create table attainment_figure (
    owner_type   text           not null,
    owner_id     uuid           not null,
    metric       text           not null,
    period_key   text           not null,
    period_type  text           not null,
    actual       numeric(19, 4) not null,
    currency     text,
    target       numeric(19, 4),
    stretch      numeric(19, 4),
    challenge    numeric(19, 4),
    last_event   uuid           not null,
    updated_at   timestamptz    not null default now(),
    constraint attainment_figure_pk primary key (owner_id, metric, period_key)
);

-- ContractTerminated per owning rep: the trigger of commission clawback
create table contract_termination (
    event_id         uuid not null,
    rep_id           uuid not null,
    contract_id      uuid not null,
    opportunity_id   uuid,
    signed_date      date,
    termination_date date not null,
    constraint contract_termination_pk primary key (event_id, rep_id)
);
create index contract_termination_rep_idx on contract_termination (rep_id, termination_date);

-- issued statements: frozen; a later statement carries corrections as new lines
create table commission_statement (
    id                   uuid           primary key,
    rep_id               uuid           not null,
    plan_id              uuid           not null references commission_plan (id),
    plan_period_key      text           not null,
    statement_period_key text           not null,
    status               text           not null,
    issued_date          date           not null,
    currency             text           not null,
    -- the quota the plan period pays on: pinned by its first issued statement, so paid lines stay true
    quota                numeric(19, 4),
    credited_to_date     numeric(19, 4) not null,
    payout               numeric(19, 4) not null,
    previous_payout      numeric(19, 4) not null,
    payout_to_date       numeric(19, 4) not null,
    approved_by          text           not null,
    created_at           timestamptz    not null default now(),
    constraint commission_statement_uk unique (rep_id, plan_id, statement_period_key)
);

create table statement_line (
    id                uuid           primary key,
    statement_id      uuid           not null references commission_statement (id),
    position          integer        not null,
    kind              text           not null,
    ledger_event_id   uuid,
    source_event_id   uuid,
    source_event_type text,
    opportunity_id    uuid,
    contract_id       uuid,
    credit_date       date,
    credited          numeric(19, 4) not null,
    cumulative_before numeric(19, 4),
    cumulative_after  numeric(19, 4),
    tier_from         numeric(9, 2),
    tier_to           numeric(9, 2),
    rate_percent      numeric(12, 4),
    payout            numeric(19, 4) not null,
    constraint statement_line_uk unique (statement_id, position)
);
-- a credit or a clawback is paid once per plan ledger
create index statement_line_ledger_event_idx on statement_line (ledger_event_id);
