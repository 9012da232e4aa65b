-- Pace evaluation (issue #20) reads every owner's credits of the as-of month, and of the same month a year earlier,
-- in one statement by credit date (not owner by owner).
create index attainment_line_credit_date_idx on attainment_line (credit_date);
