package com.quota.api.audit;

import com.quota.api.paging.Page;
import com.quota.api.paging.PageQuery;
import com.quota.api.paging.SortFields;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Reads an entity's audit trail a page at a time, for the endpoint {@code GET /api/<things>/{id}/audit} (which the
 * service scopes like the entity itself: outside the caller's scope is 404).
 */
public final class AuditTrail {

    /** The sorts an audit trail offers. */
    public static final SortFields SORT_FIELDS = SortFields.of(Map.of(
            "occurredAt", "occurred_at", "action", "action", "actor", "actor"));
    /** Newest first. */
    public static final String DEFAULT_SORT = "occurredAt,desc";

    private static final String COUNT = "SELECT count(*) FROM audit_entry WHERE entity_type = :type AND entity_id = :id";
    private static final String SELECT = """
            SELECT id, occurred_at, actor, actor_rep_id, action, reason, entity_type, entity_id,
                   before_state, after_state, trace_id
            FROM audit_entry WHERE entity_type = :type AND entity_id = :id""";

    private final DatabaseClient db;
    private final JsonMapper json;

    public AuditTrail(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** One page of the entity's entries; {@code query} must be built with {@link #SORT_FIELDS}. */
    public Mono<Page<AuditEntryView>> of(String entityType, UUID entityId, PageQuery query) {
        Mono<Long> total = db.sql(COUNT).bind("type", entityType).bind("id", entityId)
                .map((row, meta) -> row.get(0, Long.class)).one();
        Mono<java.util.List<AuditEntryView>> items = db.sql(SELECT + query.orderByLimitOffsetSql())
                .bind("type", entityType).bind("id", entityId)
                .map((row, meta) -> view(row))
                .all()
                .collectList();
        // one statement after the other: inside a transaction both run on the same connection
        return total.flatMap(count -> items.map(list -> Page.of(list, query, count)));
    }

    private AuditEntryView view(Readable row) {
        OffsetDateTime occurredAt = row.get("occurred_at", OffsetDateTime.class);
        return new AuditEntryView(
                row.get("id", UUID.class),
                occurredAt == null ? null : occurredAt.toInstant(),
                row.get("actor", String.class),
                row.get("actor_rep_id", UUID.class),
                row.get("action", String.class),
                row.get("reason", String.class),
                row.get("entity_type", String.class),
                row.get("entity_id", UUID.class),
                tree(row.get("before_state", Json.class)),
                tree(row.get("after_state", Json.class)),
                row.get("trace_id", String.class));
    }

    private JsonNode tree(Json value) {
        return value == null ? null : json.readTree(value.asString());
    }
}
