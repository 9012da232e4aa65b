-- pipeline-service business tables: pipelines and stages, accounts and their history, opportunities with owners,
-- stage and ownership history, follow-up activities, and the FX rate table. Every updatable table has a version
-- for optimistic locking (UPDATE ... WHERE version = :expected).

create table pipeline (
    id           uuid        primary key,
    name         text        not null,
    external_ref text        unique,
    version      bigint      not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

-- a stage keeps its id while its settings change; history rows copy what the stage was when it was passed
create table pipeline_stage (
    id                uuid     primary key,
    pipeline_id       uuid     not null references pipeline (id),
    code              text     not null,
    name              text     not null,
    position          integer  not null,
    probability       integer  not null check (probability between 0 and 100),
    forecast_category text     not null check (forecast_category in ('PIPELINE', 'BEST_CASE', 'COMMIT', 'OMITTED')),
    expected_days     integer  not null check (expected_days >= 0),
    conversion_rate   numeric(5, 2) check (conversion_rate between 0 and 100),
    closed_as         text     check (closed_as in ('WON', 'LOST')),
    constraint pipeline_stage_code_uq unique (pipeline_id, code)
);

create table account (
    id                uuid        primary key,
    name              text        not null,
    owner_rep_id      uuid,
    region            text,
    segment           text,
    industry          text,
    external_ref      text        unique,
    -- the last follow-up (claim, assignment, activity on the account or one of its deals): the recycle rule reads it
    last_follow_up_at timestamptz not null default now(),
    version           bigint      not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index account_owner_idx on account (owner_rep_id);
create index account_pool_idx on account (region, segment) where owner_rep_id is null;

-- every move of an account: created, claimed, assigned, released, recycled, transferred
create table account_history (
    id          uuid        primary key,
    account_id  uuid        not null references account (id),
    action      text        not null,
    from_rep_id uuid,
    to_rep_id   uuid,
    reason      text,
    actor       text        not null,
    at          timestamptz not null default now()
);
create index account_history_account_idx on account_history (account_id, at);
-- pick rules: claims per rep per day and the previous owner's cool-off
create index account_history_claims_idx on account_history (to_rep_id, at) where action = 'CLAIMED';

create table opportunity (
    id                   uuid          primary key,
    account_id           uuid          not null references account (id),
    pipeline_id          uuid          not null references pipeline (id),
    title                text          not null,
    amount               numeric(19, 4) not null check (amount > 0),
    currency             char(3)       not null,
    expected_close_date  date,
    product_line         text,
    region               text,
    channel              text,
    customer_segment     text,
    stage_id             uuid          not null references pipeline_stage (id),
    stage_entered_on     date          not null,
    status               text          not null check (status in ('OPEN', 'SUSPENDED', 'WON', 'LOST', 'TERMINATED', 'ARCHIVED')),
    close_date           date,
    won_fx_rate          numeric(20, 10),
    won_fx_rate_date     date,
    won_reporting_amount numeric(19, 4),
    win_reason           text,
    loss_reason          text,
    competitor           text,
    external_ref         text          unique,
    created_on           date          not null,
    version              bigint        not null default 0,
    created_at           timestamptz   not null default now(),
    updated_at           timestamptz   not null default now()
);
create index opportunity_account_idx on opportunity (account_id);
create index opportunity_status_close_idx on opportunity (status, expected_close_date);

create table opportunity_owner (
    opportunity_id uuid         not null references opportunity (id),
    rep_id         uuid         not null,
    split_percent  numeric(5, 2) not null check (split_percent > 0 and split_percent <= 100),
    is_primary     boolean      not null,
    position       integer      not null,
    primary key (opportunity_id, rep_id)
);
create index opportunity_owner_rep_idx on opportunity_owner (rep_id);

create table opportunity_stage_history (
    id                uuid        primary key,
    opportunity_id    uuid        not null references opportunity (id),
    seq               integer     not null,
    stage_id          uuid        not null,
    stage_code        text        not null,
    stage_name        text        not null,
    probability       integer     not null,
    forecast_category text        not null,
    expected_days     integer     not null,
    conversion_rate   numeric(5, 2),
    closed_as         text,
    entered_on        date        not null,
    entered_at        timestamptz not null,
    left_on           date,
    left_at           timestamptz,
    constraint opportunity_stage_history_seq_uq unique (opportunity_id, seq)
);

create table opportunity_ownership_history (
    id              uuid        primary key,
    opportunity_id  uuid        not null references opportunity (id),
    kind            text        not null,
    previous_owners jsonb,
    owners          jsonb       not null,
    reason          text,
    effective_date  date        not null,
    actor           text        not null,
    at              timestamptz not null default now()
);
create index opportunity_ownership_history_idx on opportunity_ownership_history (opportunity_id, at);

create table opportunity_activity (
    id             uuid          primary key,
    opportunity_id uuid          not null references opportunity (id),
    kind           text          not null,
    subject        text          not null,
    occurred_on    date          not null,
    cost_amount    numeric(19, 4),
    cost_currency  char(3),
    actor          text          not null,
    created_at     timestamptz   not null default now()
);
create index opportunity_activity_idx on opportunity_activity (opportunity_id, occurred_on);

-- reporting-currency units per one unit of currency, in force from rate_date until the next entry
create table fx_rate (
    currency   char(3)         not null,
    rate_date  date            not null,
    rate       numeric(20, 10) not null check (rate > 0),
    created_at timestamptz     not null default now(),
    primary key (currency, rate_date)
);

-- the customer pool's pick and recycle rules (one row, changed by API)
create table pool_rules (
    id                     integer primary key check (id = 1),
    claims_per_rep_per_day integer not null check (claims_per_rep_per_day >= 0),
    reclaim_cooldown_days  integer not null check (reclaim_cooldown_days >= 0),
    recycle_after_days     integer not null check (recycle_after_days >= 0),
    version                bigint  not null default 0
);
insert into pool_rules (id, claims_per_rep_per_day, reclaim_cooldown_days, recycle_after_days) values (1, 5, 30, 90);
