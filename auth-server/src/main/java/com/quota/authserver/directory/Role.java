package com.quota.authserver.directory;

/** The five roles a Quota token may carry in its {@code roles} claim. */
public enum Role {
    ADMIN, DIRECTOR, MANAGER, REP, INTEGRATION;

    /** Roles a person of the org tree may hold. */
    public boolean isOrgRole() {
        return this == DIRECTOR || this == MANAGER || this == REP;
    }
}
