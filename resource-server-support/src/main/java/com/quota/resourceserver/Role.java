package com.quota.resourceserver;

import java.util.Optional;

/** The five roles a Quota token may carry in its {@code roles} claim. */
public enum Role {
    ADMIN, DIRECTOR, MANAGER, REP, INTEGRATION;

    /** The Spring Security authority this role grants, e.g. {@code ROLE_REP}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role with exactly this name (case-sensitive, as issued), or empty for anything else. */
    public static Optional<Role> fromClaimValue(String value) {
        for (Role role : values()) {
            if (role.name().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
