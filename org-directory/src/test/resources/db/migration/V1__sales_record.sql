-- A stand-in for a service's own records: each owned by a rep, some co-owned (owners in a child table).
create table sales_record (
    id           uuid not null primary key,
    owner_rep_id uuid not null,
    label        text not null
);
create table sales_record_owner (
    record_id uuid not null references sales_record (id),
    rep_id    uuid not null,
    primary key (record_id, rep_id)
);
