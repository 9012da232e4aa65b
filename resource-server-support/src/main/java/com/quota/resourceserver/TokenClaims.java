package com.quota.resourceserver;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads Quota's own claims from a JWT, tolerating a list or a space-separated string. */
final class TokenClaims {

    static final String ROLES = "roles";
    static final String REP_ID = "rep_id";
    static final String SCOPE = "scope";
    static final String SCP = "scp";

    private TokenClaims() {
    }

    /** The raw role names, in token order; empty when the claim is missing. */
    static List<String> roleNames(Jwt jwt) {
        return values(jwt.getClaims().get(ROLES));
    }

    /** The scopes from {@code scope} (OAuth2 string) or {@code scp} (list, some providers). */
    static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>(values(jwt.getClaims().get(SCOPE)));
        scopes.addAll(values(jwt.getClaims().get(SCP)));
        return scopes;
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof String text) {
            for (String part : text.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        } else if (claim instanceof Collection<?> items) {
            for (Object item : items) {
                values.add(String.valueOf(item));
            }
        }
        return values;
    }
}
