package com.quota.authserver.client;

import com.quota.authserver.config.AuthServerProperties;
import com.quota.authserver.directory.DemoCompany;
import com.quota.authserver.directory.Role;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clients Quota needs, defined by configuration and the demo company: the first-party public clients
 * {@value #WEB} and {@value #CLI} (authorization code + PKCE), one confidential client-credentials client per
 * integration (role INTEGRATION) and {@value #ADMIN} (client credentials, role ADMIN) for the admin endpoints.
 */
public final class QuotaClients {

    public static final String WEB = "quota-web";
    public static final String CLI = "quota-cli";
    public static final String ADMIN = "quota-admin";

    /** Client setting naming the role a client-credentials token carries. */
    public static final String ROLE_SETTING = "quota.role";

    private QuotaClients() {
    }

    /** One client as configured; the secret is raw here and hashed when stored. */
    public record Definition(RegisteredClient.Builder builder, String clientId, String rawSecret) {
    }

    public static List<Definition> definitions(AuthServerProperties props, DemoCompany company) {
        List<Definition> all = new ArrayList<>();
        all.add(publicClient(WEB, "Quota web and mobile front ends", props.webRedirectUris(), props));
        all.add(publicClient(CLI, "Quota command line (./quota token)", props.cliRedirectUris(), props));
        for (DemoCompany.Integration integration : company.integrations()) {
            all.add(machineClient(integration.clientId(), integration.name(), integration.scopes(), Role.INTEGRATION, props));
        }
        all.add(machineClient(ADMIN, "Quota administration", List.of(), Role.ADMIN, props));
        return all;
    }

    /** The role of a client-credentials client, as stored with the client. */
    public static Optional<Role> roleOf(RegisteredClient client) {
        Object role = client.getClientSettings().getSetting(ROLE_SETTING);
        return role == null ? Optional.empty() : Optional.of(Role.valueOf(role.toString()));
    }

    private static Definition publicClient(String clientId, String name, List<String> redirectUris, AuthServerProperties props) {
        RegisteredClient.Builder builder = RegisteredClient.withId(clientId) // replaced by the stored or a new id
                .clientId(clientId)
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                // first-party clients: PKCE always, no consent screen
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokenSettings(props));
        return new Definition(builder, clientId, null);
    }

    private static Definition machineClient(String clientId, String name, List<String> scopes, Role role, AuthServerProperties props) {
        RegisteredClient.Builder builder = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientName(name == null ? clientId : name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .setting(ROLE_SETTING, role.name())
                        .build())
                .tokenSettings(tokenSettings(props));
        return new Definition(builder, clientId, props.secretOf(clientId));
    }

    private static TokenSettings tokenSettings(AuthServerProperties props) {
        return TokenSettings.builder().accessTokenTimeToLive(props.accessTokenTtl()).build();
    }

    /** The stored form of a definition: keeps the stored id and issue time so authorizations stay linked. */
    static RegisteredClient toStored(Definition d, String id, Instant issuedAt, String encodedSecret) {
        return d.builder().id(id).clientIdIssuedAt(issuedAt).clientSecret(encodedSecret).build();
    }
}
