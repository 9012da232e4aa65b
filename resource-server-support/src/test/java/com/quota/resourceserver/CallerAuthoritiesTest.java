package com.quota.resourceserver;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CallerAuthoritiesTest {

    private final CallerAuthorities authorities = new CallerAuthorities();

    @Test
    void eachRoleBecomesARoleAuthority() {
        Jwt jwt = token().claim("roles", List.of("MANAGER", "REP")).build();
        assertThat(names(jwt)).containsExactlyInAnyOrder("ROLE_MANAGER", "ROLE_REP");
    }

    @Test
    void eachScopeBecomesAScopeAuthority() {
        Jwt jwt = token().claim("roles", List.of("INTEGRATION")).claim("scope", "opportunities.write contracts.read")
                .build();
        assertThat(names(jwt)).containsExactlyInAnyOrder("ROLE_INTEGRATION", "SCOPE_opportunities.write",
                "SCOPE_contracts.read");
    }

    @Test
    void rolesGivenAsOneSpaceSeparatedStringAreReadToo() {
        Jwt jwt = token().claim("roles", "ADMIN DIRECTOR").build();
        assertThat(names(jwt)).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_DIRECTOR");
    }

    @Test
    void unknownRoleGrantsNothing() {
        Jwt jwt = token().claim("roles", List.of("REP", "SUPERUSER")).build();
        assertThat(names(jwt)).containsExactly("ROLE_REP");
    }

    @Test
    void roleNamesAreCaseSensitive() {
        Jwt jwt = token().claim("roles", List.of("admin")).build();
        assertThat(names(jwt)).isEmpty();
    }

    @Test
    void callerCarriesSubjectRepIdRolesAndScopes() {
        UUID repId = UUID.randomUUID();
        Caller caller = Caller.from(token().subject("rep-7").claim("roles", List.of("REP"))
                .claim("rep_id", repId.toString()).build());
        assertThat(caller.sub()).isEqualTo("rep-7");
        assertThat(caller.repId()).isEqualTo(repId);
        assertThat(caller.roles()).containsExactly(Role.REP);
        assertThat(caller.hasRole(Role.REP)).isTrue();
        assertThat(caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR)).isFalse();
        assertThat(caller.scopes()).isEmpty();
    }

    @Test
    void adminHasNoRepId() {
        assertThat(Caller.from(token().claim("roles", List.of("ADMIN")).build()).repId()).isNull();
    }

    private List<String> names(Jwt jwt) {
        return authorities.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }
}
