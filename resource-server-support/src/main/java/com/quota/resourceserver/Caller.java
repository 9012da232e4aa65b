package com.quota.resourceserver;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, taken from a validated token: subject, roles, the rep id that links a person to the
 * org tree (null for ADMIN and machine clients) and the client's scopes.
 */
public record Caller(String sub, Set<Role> roles, UUID repId, Set<String> scopes) {

    public Caller {
        roles = roles.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Role.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /** The caller a token describes; the token has passed {@link RolesClaimValidator} already. */
    public static Caller from(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : TokenClaims.roleNames(jwt)) {
            Role.fromClaimValue(name).ifPresent(roles::add);
        }
        String repId = jwt.getClaimAsString(TokenClaims.REP_ID);
        return new Caller(jwt.getSubject(), roles, repId == null || repId.isBlank() ? null : UUID.fromString(repId),
                TokenClaims.scopes(jwt));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... candidates) {
        for (Role role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
