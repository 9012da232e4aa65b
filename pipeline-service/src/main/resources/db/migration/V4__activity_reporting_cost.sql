-- an activity's cost in the reporting currency is fixed when it is logged (as a win's amount is), at the rate in force
-- on the day it took place, so OpportunityActivityLogged and every later reading carry the same figure
alter table opportunity_activity add column reporting_cost_amount numeric(19, 4);
alter table opportunity_activity add column reporting_currency char(3);
alter table opportunity_activity add column fx_rate numeric(24, 10);
alter table opportunity_activity add column fx_rate_date date;
