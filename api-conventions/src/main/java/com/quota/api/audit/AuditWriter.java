package com.quota.api.audit;

import com.quota.api.ids.Ids;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /**
     * Appends many entries in one statement (a bulk change, e.g. an import: one entry per entity), with one time and the
     * current trace id; completes when they are written (in the current transaction, if any). A blank reason is none.
     */
    public Mono<Void> recordAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        return traceIds.current()
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(traceId -> {
                    DatabaseClient.GenericExecuteSpec insert = db.sql("""
                                    INSERT INTO audit_entry (id, occurred_at, actor, actor_rep_id, action, reason, entity_type,
                                                             entity_id, before_state, after_state, trace_id)
                                    SELECT id, :occurredAt, actor, nullif(rep, '')::uuid, action, nullif(reason, ''), type,
                                           entity, nullif(before, '')::jsonb, nullif(after, '')::jsonb, :traceId
                                    FROM unnest((:ids::text[])::uuid[], :actors::text[], :reps::text[], :actions::text[],
                                                :reasons::text[], :types::text[], (:entities::text[])::uuid[], :befores::text[],
                                                :afters::text[]) AS x(id, actor, rep, action, reason, type, entity, before, after)""")
                            .bind("ids", records.stream().map(r -> Ids.newId().toString()).toArray(String[]::new))
                            .bind("actors", records.stream().map(r -> r.caller().sub()).toArray(String[]::new))
                            .bind("reps", records.stream().map(r -> r.caller().repId() == null ? "" : r.caller().repId().toString())
                                    .toArray(String[]::new))
                            .bind("actions", records.stream().map(AuditRecord::action).toArray(String[]::new))
                            .bind("reasons", records.stream().map(r -> r.reason() == null ? "" : r.reason()).toArray(String[]::new))
                            .bind("types", records.stream().map(AuditRecord::entityType).toArray(String[]::new))
                            .bind("entities", records.stream().map(r -> r.entityId().toString()).toArray(String[]::new))
                            .bind("befores", records.stream().map(r -> jsonText(r.before())).toArray(String[]::new))
                            .bind("afters", records.stream().map(r -> jsonText(r.after())).toArray(String[]::new))
                            .bind("occurredAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    return bindNullable(insert, "traceId", traceId.orElse(null), String.class).fetch().rowsUpdated();
                })
                .then();
    }

    private String jsonText(Object state) {
        return state == null ? "" : json.writeValueAsString(state);
    }

    private Json jsonOf(Object state) {
        return state == null ? null : Json.of(json.writeValueAsString(state));
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                  Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
