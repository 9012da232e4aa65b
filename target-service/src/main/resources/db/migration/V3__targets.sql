-- Targets: fiscal year x metric x owner (unit or rep) x optional dimensions; every version is kept with its amounts
-- per level and fiscal month (quarters and the year are derived, so they always add up).

create table company_settings (
    id                      smallint    not null default 1,
    reporting_currency      text        not null,
    time_zone               text        not null,
    fiscal_year_start_month smallint    not null,
    version                 bigint      not null,
    updated_at              timestamptz not null default now(),
    constraint company_settings_pk primary key (id),
    -- one company per deployment
    constraint company_settings_single_ck check (id = 1),
    constraint company_settings_month_ck check (fiscal_year_start_month between 1 and 12)
);
insert into company_settings (id, reporting_currency, time_zone, fiscal_year_start_month, version)
values (1, 'CNY', 'Asia/Shanghai', 1, 1);

create table target (
    id               uuid        not null,
    external_ref     text,
    fiscal_year      integer     not null,
    metric           text        not null,
    owner_type       text        not null,
    owner_id         uuid        not null,
    product_line     text,
    region           text,
    channel          text,
    customer_segment text,
    -- null for NEW_CUSTOMERS (a count)
    currency         text,
    -- the parent unit's target it was allocated from, if any
    parent_target_id uuid,
    -- the newest version (the one being worked on, or the last published)
    current_version  integer     not null,
    -- optimistic lock of the whole target (ETag / If-Match), bumped by every change
    version          bigint      not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint target_pk primary key (id),
    constraint target_external_ref_uk unique (external_ref),
    constraint target_owner_type_ck check (owner_type in ('UNIT', 'REP'))
);
-- one target per year x metric x owner x dimensions (absent dimensions count as "all")
create unique index target_identity_uk on target (fiscal_year, metric, owner_type, owner_id,
    coalesce(product_line, ''), coalesce(region, ''), coalesce(channel, ''), coalesce(customer_segment, ''));
create index target_owner_idx on target (owner_id, fiscal_year);
create index target_parent_idx on target (parent_target_id);

create table target_version (
    target_id      uuid        not null references target (id),
    number         integer     not null,
    status         text        not null,
    effective_from date        not null,
    reason         text,
    created_by     text        not null,
    created_at     timestamptz not null default now(),
    published_by   text,
    published_at   timestamptz,
    constraint target_version_pk primary key (target_id, number),
    constraint target_version_status_ck check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED'))
);

create table target_amount (
    target_id      uuid          not null,
    version_number integer       not null,
    level          text          not null,
    month          smallint      not null,
    amount         numeric(19,4) not null,
    constraint target_amount_pk primary key (target_id, version_number, level, month),
    constraint target_amount_version_fk foreign key (target_id, version_number) references target_version (target_id, number),
    constraint target_amount_month_ck check (month between 1 and 12),
    constraint target_amount_level_ck check (level in ('TARGET', 'STRETCH', 'CHALLENGE')),
    constraint target_amount_not_negative_ck check (amount >= 0)
);

-- Last year's actuals brought by a company moving to Quota: they weight HISTORY allocation and distribution and feed
-- the short-term models until the attainment ledger has its own history.
create table historical_actual (
    owner_type  text          not null,
    owner_id    uuid          not null,
    metric      text          not null,
    fiscal_year integer       not null,
    month       smallint      not null,
    amount      numeric(19,4) not null,
    constraint historical_actual_pk primary key (owner_type, owner_id, metric, fiscal_year, month),
    constraint historical_actual_month_ck check (month between 1 and 12)
);

-- Named seasonal profiles: 12 month weights for PROFILE distribution.
create table seasonal_profile (
    id      uuid      not null,
    name    text      not null,
    weights numeric[] not null,
    version bigint    not null,
    constraint seasonal_profile_pk primary key (id),
    constraint seasonal_profile_name_uk unique (name),
    constraint seasonal_profile_weights_ck check (cardinality(weights) = 12)
);
