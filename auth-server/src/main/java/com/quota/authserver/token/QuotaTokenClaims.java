package com.quota.authserver.token;

import com.quota.authserver.client.QuotaClients;
import com.quota.authserver.directory.Directory;
import com.quota.authserver.directory.Identity;
import com.quota.authserver.directory.Role;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adds Quota's claims to access and ID tokens: {@code roles} (a list), {@code rep_id} (people of the org
 * tree only) and, on access tokens, {@code scope} as one space-separated string. {@code sub} stays what
 * Spring Authorization Server puts there: the username, or the client id for client credentials.
 */
public class QuotaTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String ROLES = "roles";
    public static final String REP_ID = "rep_id";
    public static final String SCOPE = "scope";

    private final Directory directory;

    public QuotaTokenClaims(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            Role role = QuotaClients.roleOf(context.getRegisteredClient()).orElse(Role.INTEGRATION);
            context.getClaims().claim(ROLES, rolesClaim(role.name()));
        } else {
            Identity user = directory.find(context.getPrincipal().getName())
                    // the user vanished from the directory since signing in: no token rather than one without roles
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED)));
            context.getClaims().claim(ROLES, rolesClaim(user.role().name()));
            user.repIdIfPerson().ifPresent(repId -> context.getClaims().claim(REP_ID, repId.toString()));
        }
        if (accessToken) {
            Set<String> scopes = context.getAuthorizedScopes();
            if (scopes.isEmpty()) {
                context.getClaims().claims(claims -> claims.remove(SCOPE));
            } else {
                context.getClaims().claim(SCOPE, String.join(" ", scopes));
            }
        }
    }

    /**
     * A mutable ArrayList on purpose: the claims are stored with the authorization as typed JSON, and Spring
     * Authorization Server's type allowlist reads back ArrayList but not List.of's internal classes (introspection
     * and revocation of a stored token would fail with a 500).
     */
    private static List<String> rolesClaim(String role) {
        return new ArrayList<>(List.of(role));
    }
}
