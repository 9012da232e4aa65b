-- The read model of the KPIs that opportunities and contracts feed (win rate, sales velocity, new customers,
-- collection rate): the latest state of each opportunity (pipeline.opportunity.v1) and contract
-- (contracts.contract.v1) with its owners, written through the inbox, one row per aggregate.

create table opportunity_fact (
    opportunity_id       uuid           primary key,
    status               text           not null,
    -- the company-zone day of OpportunityCreated: a sales cycle runs from here to the win
    opened_on            date,
    close_date           date,
    reporting_amount     numeric(19, 4),
    reporting_currency   text,
    first_win_of_account boolean        not null default false,
    last_event           uuid           not null,
    updated_at           timestamptz    not null default now()
);
create index opportunity_fact_close_idx on opportunity_fact (status, close_date);

-- the owners as the latest event names them (a transfer or a split change replaces them)
create table opportunity_fact_owner (
    opportunity_id uuid          not null references opportunity_fact (opportunity_id) on delete cascade,
    rep_id         uuid          not null,
    split_percent  numeric(5, 2) not null,
    is_primary     boolean       not null,
    constraint opportunity_fact_owner_pk primary key (opportunity_id, rep_id)
);
create index opportunity_fact_owner_rep_idx on opportunity_fact_owner (rep_id);

create table contract_fact (
    contract_id         uuid           primary key,
    status              text           not null,
    signed_date         date,
    -- the value (in force, once terminated) and what is collected to date, in the reporting currency
    reporting_value     numeric(19, 4),
    reporting_collected numeric(19, 4) not null default 0,
    reporting_currency  text,
    last_event          uuid           not null,
    updated_at          timestamptz    not null default now()
);
create index contract_fact_signed_idx on contract_fact (signed_date);

create table contract_fact_owner (
    contract_id   uuid          not null references contract_fact (contract_id) on delete cascade,
    rep_id        uuid          not null,
    split_percent numeric(5, 2) not null,
    constraint contract_fact_owner_pk primary key (contract_id, rep_id)
);
create index contract_fact_owner_rep_idx on contract_fact_owner (rep_id);
