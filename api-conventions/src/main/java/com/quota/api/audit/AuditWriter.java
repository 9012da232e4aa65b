package com.quota.api.audit;

import com.quota.api.ids.Ids;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes one audit entry in the caller's transaction (call it inside the same {@code TransactionalOperator} pipeline
 * as the change, so both commit or neither does), adding the time from the {@link Clock} and the current trace id.
 */
public final class AuditWriter {

    private static final String INSERT = """
            INSERT INTO audit_entry (id, occurred_at, actor, actor_rep_id, action, reason, entity_type, entity_id,
                                     before_state, after_state, trace_id)
            VALUES (:id, :occurredAt, :actor, :actorRepId, :action, :reason, :entityType, :entityId,
                    :before, :after, :traceId)""";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final TraceIds traceIds;

    public AuditWriter(DatabaseClient db, JsonMapper json, Clock clock, TraceIds traceIds) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.traceIds = traceIds;
    }

    /** Appends the entry; completes when it is written (in the current transaction, if any). */
    public Mono<Void> record(AuditRecord record) {
        return traceIds.current()
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(traceId -> {
                    UUID id = Ids.newId();
                    DatabaseClient.GenericExecuteSpec insert = db.sql(INSERT)
                            .bind("id", id)
                            .bind("occurredAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                            .bind("actor", record.caller().sub())
                            .bind("action", record.action())
                            .bind("entityType", record.entityType())
                            .bind("entityId", record.entityId());
                    insert = bindNullable(insert, "actorRepId", record.caller().repId(), UUID.class);
                    insert = bindNullable(insert, "reason", record.reason(), String.class);
                    insert = bindNullable(insert, "traceId", traceId.orElse(null), String.class);
                    insert = bindNullable(insert, "before", jsonOf(record.before()), Json.class);
                    insert = bindNullable(insert, "after", jsonOf(record.after()), Json.class);
                    return insert.fetch().rowsUpdated();
                })
                .then();
    }

    private Json jsonOf(Object state) {
        return state == null ? null : Json.of(json.writeValueAsString(state));
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                  Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
