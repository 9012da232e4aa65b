package com.quota.authserver.client;

import org.springframework.jdbc.core.JdbcOperations;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;

/** Which clients an admin disabled; persisted so a restart keeps them disabled. No row means enabled. */
public class ClientStatusStore {

    private final JdbcOperations jdbc;

    public ClientStatusStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isEnabled(String clientId) {
        List<Boolean> enabled = jdbc.queryForList("SELECT enabled FROM client_status WHERE client_id = ?", Boolean.class, clientId);
        return enabled.isEmpty() || enabled.get(0);
    }

    public void setEnabled(String clientId, boolean enabled, String changedBy) {
        jdbc.update("""
                INSERT INTO client_status (client_id, enabled, changed_at, changed_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE
                   SET enabled = EXCLUDED.enabled, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by
                """, clientId, enabled, Timestamp.from(Instant.now()), changedBy);
    }
}
