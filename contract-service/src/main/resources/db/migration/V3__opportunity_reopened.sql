-- OpportunityReopened: a reopened win is kept with its date and reason (no draft by API until it is won again), and a
-- contract drafted from it that is not withdrawn carries the same flag for a human to see.
alter table won_opportunity add column reopened_on date;
alter table won_opportunity add column reopen_reason text;
alter table contract add column opportunity_reopened_on date;
alter table contract add column opportunity_reopen_reason text;
