-- Pace is judged for the owners a credit changed, right after it commits (issue #20: "evaluated on every change and
-- daily"); a company may keep to the daily run alone.
alter table attainment_alert_settings add column evaluate_on_change boolean not null default true;
