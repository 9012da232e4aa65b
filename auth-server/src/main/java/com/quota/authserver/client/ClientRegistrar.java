package com.quota.authserver.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers the configured clients on start: a missing one is inserted, an existing one keeps its id
 * (so stored authorizations stay valid) and takes the configured redirect URIs, scopes, lifetime and
 * secret. Enabled/disabled status is stored apart and never touched here.
 */
public class ClientRegistrar {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistrar.class);

    private final ClientRegistry registry;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate tx;
    private final JdbcOperations jdbc;

    public ClientRegistrar(ClientRegistry registry, PasswordEncoder passwordEncoder, TransactionTemplate tx, JdbcOperations jdbc) {
        this.registry = registry;
        this.passwordEncoder = passwordEncoder;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    public void registerAll(List<QuotaClients.Definition> definitions) {
        tx.executeWithoutResult(status -> {
            // two instances starting together must not both insert the same client
            jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('oauth2_registered_client'))");
            definitions.forEach(this::register);
        });
    }

    private void register(QuotaClients.Definition d) {
        Optional<RegisteredClient> stored = registry.findIncludingDisabled(d.clientId());
        String id = stored.map(RegisteredClient::getId).orElseGet(() -> UUID.randomUUID().toString());
        Instant issuedAt = stored.map(RegisteredClient::getClientIdIssuedAt).orElseGet(Instant::now);
        String secret = null;
        if (d.rawSecret() != null) {
            String storedSecret = stored.map(RegisteredClient::getClientSecret).orElse(null);
            secret = storedSecret != null && passwordEncoder.matches(d.rawSecret(), storedSecret)
                    ? storedSecret
                    : passwordEncoder.encode(d.rawSecret());
        }
        registry.save(QuotaClients.toStored(d, id, issuedAt, secret));
        log.info("{} client {}", stored.isPresent() ? "Updated" : "Registered", d.clientId());
    }
}
