package com.quota.authserver.token;

import com.quota.authserver.AuthServerITBase;
import com.quota.authserver.client.ClientRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredAuthorizationCleanupIT extends AuthServerITBase {

    @Autowired
    OAuth2AuthorizationService authorizations;
    @Autowired
    ClientRegistry clients;
    @Autowired
    ExpiredAuthorizationCleanup cleanup;

    @Test
    void authorizationsExpiredLongerThanTheRetentionAreRemovedAndRecentOnesKept() {
        RegisteredClient crm = clients.findByClientId("crm-sync");
        Instant now = Instant.now();
        OAuth2Authorization longExpired = authorization(crm, now.minus(Duration.ofDays(3)));
        OAuth2Authorization recentlyExpired = authorization(crm, now.minus(Duration.ofHours(2)));
        authorizations.save(longExpired);
        authorizations.save(recentlyExpired);

        int removed = cleanup.removeExpired(); // retention 1 day

        assertThat(removed).isPositive();
        assertThat(authorizations.findById(longExpired.getId())).isNull();
        assertThat(authorizations.findById(recentlyExpired.getId())).isNotNull();
    }

    private static OAuth2Authorization authorization(RegisteredClient client, Instant issuedAt) {
        return OAuth2Authorization.withRegisteredClient(client)
                .id(UUID.randomUUID().toString())
                .principalName(client.getClientId())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "value-" + UUID.randomUUID(),
                        issuedAt, issuedAt.plus(Duration.ofMinutes(5))))
                .build();
    }
}
