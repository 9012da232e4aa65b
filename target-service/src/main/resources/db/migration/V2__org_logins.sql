-- The login name of each person of the org tree (auth-server's demo users carry the same); the tree itself lives in
-- org-directory's tables (classpath:db/org-directory), written through its OrgReplicaStore.
create table org_rep_login (
    rep_id   uuid not null,
    username text not null,
    constraint org_rep_login_pk primary key (rep_id),
    constraint org_rep_login_username_uk unique (username)
);
