package com.quota.resourceserver;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceServerAutoConfigurationIT {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReactiveOAuth2ResourceServerAutoConfiguration.class,
                    ResourceServerAutoConfiguration.class))
            .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks");

    @Test
    void appWithoutIssuerDoesNotStart() {
        runner.run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("issuer-uri must be set"));
    }

    @Test
    void appWithIssuerGetsTheQuotaValidators() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=http://issuer")
                .run(context -> {
                    assertThat(context).hasSingleBean(RolesClaimValidator.class);
                    assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
                });
    }

    @Test
    void tokenWithoutExpiryIsRejectedAndClockSkewIsSmall() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=http://issuer")
                .run(context -> {
                    JwtTimestampValidator validator = context.getBean(JwtTimestampValidator.class);
                    Jwt noExpiry = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                            .issuedAt(Instant.now()).build();
                    assertThat(validator.validate(noExpiry).hasErrors()).isTrue();
                    Jwt expiredAMinuteAgo = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                            .issuedAt(Instant.now().minusSeconds(400)).expiresAt(Instant.now().minusSeconds(60)).build();
                    assertThat(validator.validate(expiredAMinuteAgo).hasErrors()).isTrue();
                    Jwt expiredJustNow = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                            .issuedAt(Instant.now().minusSeconds(300)).expiresAt(Instant.now().minusSeconds(5)).build();
                    assertThat(validator.validate(expiredJustNow).hasErrors()).isFalse();
                });
    }
}
