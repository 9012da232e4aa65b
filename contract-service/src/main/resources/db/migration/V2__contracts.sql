-- Contracts: the aggregate row, its owners, versions, approval steps, milestones, payment plan and payments;
-- approval rules and the auto-draft setting per pipeline.

create sequence contract_number_seq;

create table contract (
    id                  uuid        not null,
    contract_number     text        not null,
    external_ref        text,
    opportunity_id      uuid,
    account_id          uuid        not null,
    title               text        not null,
    status              text        not null,
    currency            char(3)     not null,
    -- the version in force is denormalised here so lists and statistics need no join
    current_version     integer     not null,
    value_amount        numeric(19, 4) not null,
    reporting_currency  char(3)     not null,
    fx_rate             numeric(24, 10) not null,
    reporting_value     numeric(19, 4) not null,
    collected_amount    numeric(19, 4) not null default 0,
    product_line        text,
    region              text,
    channel             text,
    customer_segment    text,
    signed_date         date,
    completed_date      date,
    termination_date    date,
    termination_reason  text,
    suspension_reason   text,
    submitted_by        text,
    submitted_by_rep_id uuid,
    approval_round      integer     not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    -- optimistic locking: every UPDATE is "... where id = :id and row_version = :expected"
    row_version         bigint      not null default 0,
    constraint contract_pk primary key (id),
    constraint contract_number_uq unique (contract_number),
    constraint contract_external_ref_uq unique (external_ref),
    -- one contract per won opportunity: a redelivered OpportunityWon or a second draft finds the first
    constraint contract_opportunity_uq unique (opportunity_id),
    constraint contract_status_ck check (status in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SIGNED',
        'IN_EXECUTION', 'SUSPENDED', 'COMPLETED', 'CLOSED', 'TERMINATED'))
);
create index contract_account_idx on contract (account_id);
create index contract_status_idx on contract (status);
create index contract_signed_date_idx on contract (signed_date);

create table contract_owner (
    contract_id   uuid         not null references contract (id),
    rep_id        uuid         not null,
    split_percent numeric(5, 2) not null,
    is_primary    boolean      not null,
    position      integer      not null,
    constraint contract_owner_pk primary key (contract_id, rep_id)
);
create index contract_owner_rep_idx on contract_owner (rep_id);

create table contract_version (
    contract_id    uuid        not null references contract (id),
    version        integer     not null,
    value_amount   numeric(19, 4) not null,
    currency       char(3)     not null,
    terms          text,
    start_date     date        not null,
    end_date       date,
    reason         text,
    effective_date date,
    created_by     text        not null,
    created_at     timestamptz not null,
    constraint contract_version_pk primary key (contract_id, version)
);

create table contract_approval (
    contract_id       uuid        not null references contract (id),
    round             integer     not null,
    step_no           integer     not null,
    required_role     text        not null,
    decision          text,
    decided_by        text,
    decided_by_rep_id uuid,
    comment           text,
    decided_at        timestamptz,
    constraint contract_approval_pk primary key (contract_id, round, step_no)
);

create table contract_milestone (
    id           uuid    not null,
    contract_id  uuid    not null references contract (id),
    name         text    not null,
    weight       integer not null check (weight between 1 and 100),
    due_date     date,
    completed_on date,
    position     integer not null,
    constraint contract_milestone_pk primary key (id)
);
create index contract_milestone_contract_idx on contract_milestone (contract_id);

create table contract_instalment (
    id          uuid    not null,
    contract_id uuid    not null references contract (id),
    due_date    date    not null,
    amount      numeric(19, 4) not null check (amount > 0),
    position    integer not null,
    constraint contract_instalment_pk primary key (id)
);
create index contract_instalment_contract_idx on contract_instalment (contract_id);

create table contract_payment (
    id                 uuid        not null,
    contract_id        uuid        not null references contract (id),
    amount             numeric(19, 4) not null check (amount > 0),
    received_date      date        not null,
    -- the receipt's id in the ERP: recording it again answers the first payment
    external_ref       text,
    milestone_id       uuid,
    recorded_by        text        not null,
    recorded_by_rep_id uuid,
    recorded_at        timestamptz not null,
    constraint contract_payment_pk primary key (id),
    constraint contract_payment_external_ref_uq unique (external_ref)
);
create index contract_payment_contract_idx on contract_payment (contract_id);
create index contract_payment_received_idx on contract_payment (received_date);

-- approval bands (above, up_to] in the reporting currency; the service refuses overlapping bands
create table approval_rule (
    id          uuid        not null,
    above       numeric(19, 4) not null,
    up_to       numeric(19, 4),
    steps       text[]      not null,
    row_version bigint      not null default 0,
    updated_at  timestamptz not null default now(),
    constraint approval_rule_pk primary key (id)
);
-- DOMAIN.md's example as the starting policy: ≤ 100k a MANAGER, ≤ 1M a DIRECTOR, above a DIRECTOR then finance
insert into approval_rule (id, above, up_to, steps) values
    ('019ab000-0000-7000-8000-000000000001', 0, 100000, array['MANAGER']),
    ('019ab000-0000-7000-8000-000000000002', 100000, 1000000, array['DIRECTOR']),
    ('019ab000-0000-7000-8000-000000000003', 1000000, null, array['DIRECTOR', 'ADMIN']);

-- auto-draft on OpportunityWon, per pipeline; a pipeline without a row follows the service default (on)
create table auto_draft_setting (
    pipeline_id uuid        not null,
    enabled     boolean     not null,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null,
    constraint auto_draft_setting_pk primary key (pipeline_id)
);

-- the won opportunities heard of (OpportunityWon), so a contract drafted by API from an opportunity inherits its
-- owners with splits, currency and fixed rate without calling pipeline-service
create table won_opportunity (
    opportunity_id uuid        not null,
    pipeline_id    uuid        not null,
    payload        jsonb       not null,
    event_id       uuid        not null,
    received_at    timestamptz not null,
    constraint won_opportunity_pk primary key (opportunity_id)
);
