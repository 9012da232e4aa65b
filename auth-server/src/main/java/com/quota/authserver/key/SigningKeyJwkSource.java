package com.quota.authserver.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The JWK source behind signing, the JWKS endpoint and this server's own token checks: every key that is
 * not retired, read fresh from the store each time so a rotation by another instance is seen at once.
 */
public class SigningKeyJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeyStore store;

    public SigningKeyJwkSource(SigningKeyStore store) {
        this.store = store;
    }

    @Override
    public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
        // JWKSelector keeps the set's order, so the ACTIVE key stays first
        List<JWK> keys = new ArrayList<>(store.publishedKeys());
        return jwkSelector.select(new JWKSet(keys));
    }
}
