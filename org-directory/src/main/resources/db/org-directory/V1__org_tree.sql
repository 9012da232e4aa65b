-- The org tree as every service keeps it: a replica of targets.org.v1 (full state per unit and rep), or, in
-- target-service, the tree it owns, written through the same OrgReplicaStore. All periods are inclusive dates;
-- valid_to null means open. Migrated by org-directory's own Flyway history (org_directory_schema_history).

create table org_unit (
    id           uuid        not null,
    -- the parent today (the dated parents are in org_unit_parent); null for the company root
    parent_id    uuid,
    code         text        not null,
    name         text        not null,
    type         text        not null,
    active       boolean     not null,
    valid_from   date,
    valid_to     date,
    external_ref text,
    -- the producer's version of this state: a state is applied only when its version is higher (compacted topic:
    -- latest state per key wins, so a late older state never overwrites a newer one)
    version      bigint      not null,
    -- when the producer says the state changed (the event's occurredAt)
    changed_at   timestamptz,
    updated_at   timestamptz not null default now(),
    constraint org_unit_pk primary key (id)
);

-- the parent of a unit on each date (a reorganisation moves a unit on a date)
create table org_unit_parent (
    unit_id    uuid not null references org_unit (id) on delete cascade,
    parent_id  uuid not null,
    valid_from date not null,
    valid_to   date,
    constraint org_unit_parent_pk primary key (unit_id, valid_from),
    constraint org_unit_parent_period_ck check (valid_to is null or valid_to >= valid_from)
);
create index org_unit_parent_parent_idx on org_unit_parent (parent_id);

create table org_unit_manager (
    unit_id    uuid not null references org_unit (id) on delete cascade,
    rep_id     uuid not null,
    valid_from date not null,
    valid_to   date,
    constraint org_unit_manager_pk primary key (unit_id, valid_from),
    constraint org_unit_manager_period_ck check (valid_to is null or valid_to >= valid_from)
);
create index org_unit_manager_rep_idx on org_unit_manager (rep_id);

create table org_rep (
    id           uuid        not null,
    display_name text        not null,
    title        text,
    email        text,
    -- REP, MANAGER or DIRECTOR: the person's place in the tree (token roles decide access, not this)
    role         text        not null,
    active       boolean     not null,
    hire_date    date,
    external_ref text,
    version      bigint      not null,
    changed_at   timestamptz,
    updated_at   timestamptz not null default now(),
    constraint org_rep_pk primary key (id)
);

-- every unit a rep has belonged to; periods of one rep never overlap (checked by OrgReplicaStore before writing)
create table org_membership (
    rep_id     uuid not null references org_rep (id) on delete cascade,
    unit_id    uuid not null,
    valid_from date not null,
    valid_to   date,
    constraint org_membership_pk primary key (rep_id, valid_from),
    constraint org_membership_period_ck check (valid_to is null or valid_to >= valid_from)
);
create index org_membership_unit_idx on org_membership (unit_id, valid_from);
