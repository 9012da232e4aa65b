package com.quota.targets.audit.persistence;

import com.quota.api.audit.AuditRecord;
import com.quota.api.audit.AuditWriter;
import com.quota.resourceserver.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of org and target changes (who, when, what, why, before and after) in {@code audit_entry}: written in
 * the caller's transaction by api-conventions' {@link AuditWriter} (the kit's clock and the request's trace id), read
 * here a page at a time for the audit endpoints.
 */
@Repository
public class AuditLog {

    /** One entry as the audit endpoints answer it. */
    public record Entry(UUID id, Instant occurredAt, String actor, UUID actorRepId, String action, String reason,
                        JsonNode before, JsonNode after) {
    }

    private final DatabaseClient db;
    private final JsonMapper json;
    private final AuditWriter writer;

    public AuditLog(DatabaseClient db, JsonMapper json, AuditWriter writer) {
        this.db = db;
        this.json = json;
        this.writer = writer;
    }

    public Mono<Void> record(Caller caller, String action, String entityType, UUID entityId, Object before, Object after,
                             String reason) {
        return writer.record(new AuditRecord(caller, action, entityType, entityId, before, after, reason));
    }

    /** One entry per entity of a bulk change by one caller (e.g. an import's creates), in one statement. */
    public Mono<Void> recordAll(Caller caller, String action, String entityType, List<UUID> entityIds, List<?> afters) {
        List<AuditRecord> records = new java.util.ArrayList<>(entityIds.size());
        for (int i = 0; i < entityIds.size(); i++) {
            records.add(new AuditRecord(caller, action, entityType, entityIds.get(i), null, afters.get(i), null));
        }
        return writer.recordAll(records);
    }

    /** The entries of one entity, newest first, a page at a time. */
    public Flux<Entry> of(String entityType, UUID entityId, int page, int size) {
        return db.sql("""
                        SELECT id, occurred_at, actor, actor_rep_id, action, reason, before_state::text AS before_state,
                               after_state::text AS after_state
                        FROM audit_entry WHERE entity_type = :type AND entity_id = :id
                        ORDER BY occurred_at DESC, id DESC LIMIT :size OFFSET :offset""")
                .bind("type", entityType).bind("id", entityId).bind("size", size).bind("offset", (long) page * size)
                .map(row -> new Entry(row.get("id", UUID.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
                        row.get("actor", String.class), row.get("actor_rep_id", UUID.class), row.get("action", String.class),
                        row.get("reason", String.class), tree(row.get("before_state", String.class)),
                        tree(row.get("after_state", String.class))))
                .all();
    }

    public Mono<Long> count(String entityType, UUID entityId) {
        return db.sql("SELECT count(*) AS n FROM audit_entry WHERE entity_type = :type AND entity_id = :id")
                .bind("type", entityType).bind("id", entityId).map(row -> row.get("n", Long.class)).one();
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
