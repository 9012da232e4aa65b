-- Behind-pace alerts (issue #20): the stored thresholds (one row, changed through the API), the pace each watched
-- owner-period had at its last evaluation, and the daily runs (several instances: one runs each company day).
create table attainment_alert_settings (
    id                      smallint     not null default 1,
    threshold_percent       numeric(7,2) not null,
    minimum_elapsed_percent numeric(5,2) not null,
    version                 bigint       not null,
    updated_by              text,
    updated_at              timestamptz  not null default now(),
    constraint attainment_alert_settings_pk primary key (id),
    constraint attainment_alert_settings_single_ck check (id = 1),
    constraint attainment_alert_settings_threshold_ck check (threshold_percent > 0),
    constraint attainment_alert_settings_elapsed_ck check (minimum_elapsed_percent between 0 and 100)
);
insert into attainment_alert_settings (id, threshold_percent, minimum_elapsed_percent, version) values (1, 80, 25, 1);

alter table attainment_pace_state add column pace_percent numeric(9,2);

create table attainment_pace_run (
    run_date     date        not null,
    judged       integer     not null,
    behind_pace  integer     not null,
    back_on_pace integer     not null,
    finished_at  timestamptz not null default now(),
    constraint attainment_pace_run_pk primary key (run_date)
);
