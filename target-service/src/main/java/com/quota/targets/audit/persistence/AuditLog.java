package com.quota.targets.audit.persistence;

import com.quota.resourceserver.Caller;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The audit trail of org and target changes (who, when, what, why, before and after) in {@code audit_entry}, written
 * in the caller's transaction. Same table and columns as api-conventions' AuditWriter, which replaces it once the
 * kit lands.
 */
@Repository
public class AuditLog {

    /** One entry as the audit endpoints answer it. */
    public record Entry(UUID id, Instant occurredAt, String actor, UUID actorRepId, String action, String reason,
                        JsonNode before, JsonNode after) {
    }

    private final DatabaseClient db;
    private final JsonMapper json;

    public AuditLog(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> record(Caller caller, String action, String entityType, UUID entityId, Object before, Object after,
                             String reason) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO audit_entry (id, occurred_at, actor, actor_rep_id, action, reason, entity_type, entity_id,
                                                 before_state, after_state)
                        VALUES (:id, :at, :actor, :actorRepId, :action, :reason, :entityType, :entityId, :before, :after)""")
                .bind("id", com.quota.targets.definition.Ids.newId())
                .bind("at", OffsetDateTime.now(ZoneOffset.UTC))
                .bind("actor", caller.sub())
                .bind("action", action)
                .bind("entityType", entityType)
                .bind("entityId", entityId);
        insert = caller.repId() == null ? insert.bindNull("actorRepId", UUID.class) : insert.bind("actorRepId", caller.repId());
        insert = reason == null ? insert.bindNull("reason", String.class) : insert.bind("reason", reason);
        insert = before == null ? insert.bindNull("before", Json.class) : insert.bind("before", Json.of(json.writeValueAsString(before)));
        insert = after == null ? insert.bindNull("after", Json.class) : insert.bind("after", Json.of(json.writeValueAsString(after)));
        return insert.fetch().rowsUpdated().then();
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
