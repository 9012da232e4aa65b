package com.quota.testsupport.service;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway ran at start: the service's baseline, api-conventions' {@code idempotency_key} and {@code audit_entry}, and
 * messaging-support's outbox/inbox exist (each library with its own history table), and their keys hold. A service
 * that keeps an audit trail implements {@link AuditedServiceDatabaseSchemaContract} instead.
 */
public interface ServiceDatabaseSchemaContract {

    /**
     * Whether the service keeps an audit trail of its changes. Every service has api-conventions' {@code audit_entry}
     * table; an auditing one also passes {@link AuditedServiceDatabaseSchemaContract}'s check of what it keeps.
     */
    boolean audits();

    @Test
    default void flywayAppliedTheBaseline(@Autowired DatabaseClient db) {
        List<String> tables = db.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .map(row -> row.get("table_name", String.class)).all().collectList().block();
        assertThat(tables).contains("flyway_schema_history",
                "idempotency_key", "audit_entry", "api_conventions_schema_history",
                "outbox_event", "inbox_event", "messaging_schema_history");
        Boolean baselineApplied = db.sql("select success from flyway_schema_history where version = '1'")
                .map(row -> row.get("success", Boolean.class)).one().block();
        assertThat(baselineApplied).isTrue();
    }

    @Test
    default void anIdempotencyKeyIsStoredOncePerCaller(@Autowired DatabaseClient db) {
        String key = UUID.randomUUID().toString();
        assertThat(insertIdempotencyKey(db, "crm-sync", key).block()).isEqualTo(1L);
        assertThatThrownBy(() -> insertIdempotencyKey(db, "crm-sync", key).block())
                .isInstanceOf(DataIntegrityViolationException.class);
        // another caller's identical key is a different request, never a replay of the first
        assertThat(insertIdempotencyKey(db, "erp-sync", key).block()).isEqualTo(1L);
    }

    private static Mono<Long> insertIdempotencyKey(DatabaseClient db, String caller, String key) {
        return db.sql("""
                insert into idempotency_key (key, caller, request_method, request_path, request_hash, response_status, response_body, response_location)
                values (:key, :caller, 'POST', '/api/things', 'hash', 201, '{}', :location)""")
                .bind("key", key).bind("caller", caller).bind("location", "/api/things/" + UUID.randomUUID())
                .fetch().rowsUpdated();
    }
}
