package com.quota.resourceserver;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.UUID;

/**
 * Rejects a token whose {@code roles} claim is missing or empty, names a role outside the five Quota knows,
 * or whose {@code rep_id} is not a UUID. Machine clients carry {@code roles: [INTEGRATION]}, so every
 * token needs at least one role.
 */
public final class RolesClaimValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<String> names = TokenClaims.roleNames(jwt);
        if (names.isEmpty()) {
            return failure("The token carries no roles");
        }
        for (String name : names) {
            if (Role.fromClaimValue(name).isEmpty()) {
                return failure("The token carries a role Quota does not know");
            }
        }
        String repId = jwt.getClaimAsString(TokenClaims.REP_ID);
        if (repId != null && !isUuid(repId)) {
            return failure("The rep_id claim is not a UUID");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
