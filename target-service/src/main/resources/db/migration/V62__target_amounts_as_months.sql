-- A target version's amounts as one row per level holding its 12 fiscal months, instead of a row per month.
-- Why: a top-down allocation to 10,000 reps wrote 120,000 monthly rows, and their insert (index entries, the foreign-key
-- check of each row) was most of its time; 10,000 rows of 12 months carry the same amounts at about a tenth of the cost.
-- Readers that think in months keep target_amount, now a view with exactly the columns of the old table.

create table target_level_months (
    target_id      uuid            not null,
    version_number integer         not null,
    level          text            not null,
    -- element m is fiscal month m (1..12)
    months         numeric(19,4)[] not null,
    constraint target_level_months_pk primary key (target_id, version_number, level),
    constraint target_level_months_version_fk foreign key (target_id, version_number)
        references target_version (target_id, number),
    constraint target_level_months_level_ck check (level in ('TARGET', 'STRETCH', 'CHALLENGE')),
    constraint target_level_months_twelve_ck check (array_ndims(months) = 1 and array_lower(months, 1) = 1
        and cardinality(months) = 12 and array_position(months, null) is null),
    constraint target_level_months_not_negative_ck check (0 <= all (months))
);

-- every writer wrote all 12 months of a level; a month missing from the old rows becomes 0
insert into target_level_months (target_id, version_number, level, months)
select a.target_id, a.version_number, a.level,
       array_agg(coalesce(m.amount, 0) order by months.month)
from (select distinct target_id, version_number, level from target_amount) a
cross join generate_series(1, 12) as months(month)
left join target_amount m on m.target_id = a.target_id and m.version_number = a.version_number
                          and m.level = a.level and m.month = months.month
group by a.target_id, a.version_number, a.level;

drop table target_amount;

create view target_amount as
select l.target_id, l.version_number, l.level, m.month::smallint as month, m.amount
from target_level_months l
cross join lateral unnest(l.months) with ordinality as m(amount, month);

-- Most targets have no external reference (every allocated child): a partial unique index spares them an index entry.
alter table target drop constraint target_external_ref_uk;
create unique index target_external_ref_uk on target (external_ref) where external_ref is not null;
