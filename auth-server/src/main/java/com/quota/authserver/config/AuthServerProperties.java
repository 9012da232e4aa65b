package com.quota.authserver.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code quota.auth.*}: issuer, token lifetime, the demo users' password, where the demo company is
 * defined, redirect URIs of the public clients and the confidential clients' secrets.
 *
 * @param clientSecrets secret per confidential client id; a client not listed gets {@code <clientId>-secret}
 * @param authorizationRetention how long a stored authorization is kept after its last token expired
 */
@ConfigurationProperties("quota.auth")
public record AuthServerProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("5m") Duration accessTokenTtl,
        @DefaultValue("quota-demo") String demoPassword,
        @DefaultValue("classpath:demo/demo-company.json") Resource demoCompany,
        @DefaultValue({"http://127.0.0.1:8080/login/callback", "http://localhost:3000/callback"}) List<String> webRedirectUris,
        @DefaultValue("http://127.0.0.1:53682/callback") List<String> cliRedirectUris,
        Map<String, String> clientSecrets,
        @DefaultValue("1d") Duration authorizationRetention) {

    public AuthServerProperties {
        clientSecrets = clientSecrets == null ? Map.of() : Map.copyOf(clientSecrets);
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("quota.auth.access-token-ttl must be positive");
        }
    }

    public String secretOf(String clientId) {
        return clientSecrets.getOrDefault(clientId, clientId + "-secret");
    }
}
