package com.quota.authserver.client;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import java.util.List;
import java.util.Optional;

/**
 * The registered clients in PostgreSQL, as the protocol endpoints see them: a disabled client is not
 * found by its client id, so client authentication fails with {@code invalid_client} (401) and the
 * authorization endpoint rejects it. Lookups by internal id still work, so stored authorizations load.
 */
public class ClientRegistry implements RegisteredClientRepository {

    private final JdbcRegisteredClientRepository clients;
    private final ClientStatusStore statuses;
    private final JdbcOperations jdbc;

    public ClientRegistry(JdbcOperations jdbc, ClientStatusStore statuses) {
        this.clients = new JdbcRegisteredClientRepository(jdbc);
        this.statuses = statuses;
        this.jdbc = jdbc;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        clients.save(registeredClient);
    }

    @Override
    public RegisteredClient findById(String id) {
        return clients.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return statuses.isEnabled(clientId) ? clients.findByClientId(clientId) : null;
    }

    /** For administration: the client whether enabled or not. */
    public Optional<RegisteredClient> findIncludingDisabled(String clientId) {
        return Optional.ofNullable(clients.findByClientId(clientId));
    }

    public List<String> clientIds() {
        return jdbc.queryForList("SELECT client_id FROM oauth2_registered_client ORDER BY client_id", String.class);
    }

    public boolean isEnabled(String clientId) {
        return statuses.isEnabled(clientId);
    }

    public void setEnabled(String clientId, boolean enabled, String changedBy) {
        statuses.setEnabled(clientId, enabled, changedBy);
    }
}
