-- Attainment: the credit ledger, its roll-up to units, and the stored counters (issue #20, DOMAIN.md "Attainment").
-- Numbered from V50 so the targets and org tree migrations (V2..V20) can land beside it in any order.

-- One line per (source event, rep, metric): what that event credits that rep. The primary key is the guarantee that a
-- line is never written twice, whatever the inbox does.
create table attainment_line (
    source_event_id   uuid          not null,
    source_event_type text          not null,
    rep_id            uuid          not null,
    metric            text          not null,
    credit_date       date          not null,
    -- reporting currency at its minor unit (or a whole count for NEW_CUSTOMERS); negative for reversals
    amount            numeric(24,4) not null,
    currency          char(3),
    product_line      text,
    region            text,
    channel           text,
    customer_segment  text,
    opportunity_id    uuid,
    contract_id       uuid,
    payment_id        uuid,
    account_id        uuid,
    recorded_at       timestamptz   not null default now(),
    constraint attainment_line_pk primary key (source_event_id, rep_id, metric),
    constraint attainment_line_metric_ck check (metric in ('BOOKINGS', 'CONTRACT_VALUE', 'COLLECTIONS', 'NEW_CUSTOMERS')),
    constraint attainment_line_currency_ck check ((metric = 'NEW_CUSTOMERS') = (currency is null))
);
-- reversals read the net still credited per opportunity or contract
create index attainment_line_opportunity_idx on attainment_line (opportunity_id) where opportunity_id is not null;
create index attainment_line_contract_idx on attainment_line (contract_id) where contract_id is not null;
-- figures read a rep's lines by date (partial months, drill-down)
create index attainment_line_rep_idx on attainment_line (rep_id, metric, credit_date);

-- The units each line rolled up to: the rep's unit and its ancestors on the credit date (depth 1 = the rep's own
-- unit). Drill-down from a unit's figure to its lines, and a back-dated membership change re-derives from here.
create table attainment_line_unit (
    source_event_id uuid    not null,
    rep_id          uuid    not null,
    metric          text    not null,
    unit_id         uuid    not null,
    depth           integer not null,
    constraint attainment_line_unit_pk primary key (source_event_id, rep_id, metric, unit_id),
    constraint attainment_line_unit_line_fk foreign key (source_event_id, rep_id, metric)
        references attainment_line (source_event_id, rep_id, metric)
);
create index attainment_line_unit_unit_idx on attainment_line_unit (unit_id, metric);

-- Stored counters: owner x metric x calendar month, in total (dimension '*') and per dimension value
-- ('productLine=ANALYZERS', ...). Updated in the transaction of the lines, deltas summed per counter and rows locked
-- in one global key order, so concurrent consumers never deadlock on the hot company row.
create table attainment_counter (
    owner_type text          not null,
    owner_id   uuid          not null,
    metric     text          not null,
    month      date          not null,
    dimension  text          not null,
    amount     numeric(24,4) not null,
    currency   char(3),
    updated_at timestamptz   not null default now(),
    constraint attainment_counter_pk primary key (owner_type, owner_id, metric, month, dimension),
    constraint attainment_counter_owner_type_ck check (owner_type in ('UNIT', 'REP')),
    constraint attainment_counter_month_ck check (extract(day from month) = 1)
);
