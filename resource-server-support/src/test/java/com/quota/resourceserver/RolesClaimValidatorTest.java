package com.quota.resourceserver;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.UUID;

import static com.quota.resourceserver.CallerAuthoritiesTest.token;
import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimValidatorTest {

    private final RolesClaimValidator validator = new RolesClaimValidator();

    @Test
    void everyKnownRoleIsAccepted() {
        for (Role role : Role.values()) {
            assertThat(validator.validate(token().claim("roles", List.of(role.name())).build()).hasErrors())
                    .as(role.name()).isFalse();
        }
    }

    @Test
    void tokenWithoutRolesClaimIsRejected() {
        assertThat(errors(token().claim("scope", "openid").build())).containsExactly("invalid_token");
    }

    @Test
    void tokenWithEmptyRolesIsRejected() {
        assertThat(errors(token().claim("roles", List.of()).build())).containsExactly("invalid_token");
    }

    @Test
    void oneUnknownRoleAmongKnownOnesRejectsTheToken() {
        assertThat(errors(token().claim("roles", List.of("REP", "ROOT")).build())).containsExactly("invalid_token");
    }

    @Test
    void repIdThatIsNotAUuidRejectsTheToken() {
        assertThat(errors(token().claim("roles", List.of("REP")).claim("rep_id", "42").build()))
                .containsExactly("invalid_token");
        assertThat(errors(token().claim("roles", List.of("REP")).claim("rep_id", UUID.randomUUID().toString())
                .build())).isEmpty();
    }

    private List<String> errors(Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        return result.getErrors().stream().map(OAuth2Error::getErrorCode).toList();
    }
}
