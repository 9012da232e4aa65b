package com.quota.authserver.client.web;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import java.util.List;

/** A registered client as the admin API shows it (no secret). */
public record ClientView(String clientId, String name, List<String> grantTypes, List<String> scopes, boolean enabled) {

    static ClientView of(RegisteredClient client, boolean enabled) {
        return new ClientView(client.getClientId(), client.getClientName(),
                client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList(),
                client.getScopes().stream().sorted().toList(),
                enabled);
    }
}
