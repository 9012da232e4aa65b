package com.quota.performance.config;

import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Reads by machine clients: an INTEGRATION caller needs the {@code performance.read} scope on every read (403
 * otherwise); people are governed by their roles and their org scope. Writes are for people's roles only.
 */
public final class ReadAccess {

    /** The token scope a machine client needs to read performance data. */
    public static final String READ_SCOPE = "performance.read";

    private ReadAccess() {
    }

    /** Passes for people (ADMIN, DIRECTOR, MANAGER, REP) and for clients with {@link #READ_SCOPE}; else 403. */
    public static void require(Caller caller) {
        if (caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER, Role.REP)) {
            return;
        }
        if (!caller.hasScope(READ_SCOPE)) {
            throw new AccessDeniedException("the client's token lacks the scope " + READ_SCOPE);
        }
    }
}
