package com.quota.target;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway ran at start: the baseline tables and messaging-support's outbox/inbox exist, and their keys hold. */
class DatabaseSchemaIT extends AbstractTargetServiceIT {

    @Autowired
    DatabaseClient db;

    @Test
    void flywayAppliedTheBaseline() {
        List<String> tables = db.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .map(row -> row.get("table_name", String.class)).all().collectList().block();
        assertThat(tables).contains("idempotency_key", "audit_entry", "flyway_schema_history",
                "outbox_event", "inbox_event", "messaging_schema_history");
        Boolean baselineApplied = db.sql("select success from flyway_schema_history where version = '1'")
                .map(row -> row.get("success", Boolean.class)).one().block();
        assertThat(baselineApplied).isTrue();
    }

    @Test
    void anIdempotencyKeyIsStoredOncePerCaller() {
        String key = UUID.randomUUID().toString();
        assertThat(insertIdempotencyKey("crm-sync", key).block()).isEqualTo(1L);
        assertThatThrownBy(() -> insertIdempotencyKey("crm-sync", key).block())
                .isInstanceOf(DataIntegrityViolationException.class);
        // another caller's identical key is a different request, never a replay of the first
        assertThat(insertIdempotencyKey("erp-sync", key).block()).isEqualTo(1L);
    }

    @Test
    void anAuditEntryKeepsTheStateBeforeAndAfterAsJson() {
        UUID id = UUID.randomUUID();
        UUID entity = UUID.randomUUID();
        db.sql("""
                insert into audit_entry (id, occurred_at, actor, action, reason, entity_type, entity_id, before_state, after_state)
                values (:id, now(), 'director-1', 'TargetRevised', 'Q3 reforecast', 'target', :entity,
                        '{"amount": "100.00"}'::jsonb, '{"amount": "120.00"}'::jsonb)""")
                .bind("id", id).bind("entity", entity).fetch().rowsUpdated().block();
        String after = db.sql("select after_state ->> 'amount' as amount from audit_entry where entity_type = 'target' and entity_id = :entity")
                .bind("entity", entity).map(row -> row.get("amount", String.class)).one().block();
        assertThat(after).isEqualTo("120.00");
    }

    private Mono<Long> insertIdempotencyKey(String caller, String key) {
        return db.sql("""
                insert into idempotency_key (key, caller, request_method, request_path, request_hash, response_status, response_body, resource_id)
                values (:key, :caller, 'POST', '/api/targets', 'hash', 201, '{}', :resource)""")
                .bind("key", key).bind("caller", caller).bind("resource", UUID.randomUUID())
                .fetch().rowsUpdated();
    }
}
