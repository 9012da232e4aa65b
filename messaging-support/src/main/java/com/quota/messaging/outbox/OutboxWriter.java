package com.quota.messaging.outbox;

import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends events to the outbox table inside the caller's reactive transaction: the business change and its events
 * commit or roll back together. Call it from the same transactional pipeline (TransactionalOperator or
 * {@code @Transactional}) as the change; the relay publishes the rows after commit.
 */
public final class OutboxWriter {

    // The transaction-scoped advisory lock on the key, taken before the row gets its position, makes two transactions
    // writing events of the same key take positions in commit order: the second waits until the first commits, so
    // the relay can never see (and publish) a later position of a key before an earlier one is committed.
    // ON CONFLICT: a derived event written again with its name-based id is the same event; keep the first
    private static final String INSERT = """
            INSERT INTO outbox_event (id, topic, message_key, event_type, schema_version, payload, headers, aggregate_id)
            SELECT :id, :topic, :key, :eventType, :schemaVersion, :payload, :headers, :aggregateId
            FROM (SELECT pg_advisory_xact_lock(hashtextextended('outbox:' || :key, 0))) AS key_lock
            ON CONFLICT (id) DO NOTHING
            """;
    // Several events in one statement: the keys' locks first (in key order, so two such writers never wait on each
    // other in a cycle), then the rows in the caller's order, which gives them their positions in that order
    private static final String INSERT_ALL = """
            WITH key_locks AS (
                SELECT pg_advisory_xact_lock(hashtextextended('outbox:' || k, 0))
                FROM (SELECT DISTINCT k FROM unnest(:keys::text[]) AS k ORDER BY k) AS keys
            )
            INSERT INTO outbox_event (id, topic, message_key, event_type, schema_version, payload, headers, aggregate_id)
            SELECT e.id, e.topic, e.message_key, e.event_type, e.schema_version, e.payload::jsonb, e.headers::jsonb, e.aggregate_id
            FROM unnest(:ids::uuid[], :topics::text[], :keys::text[], :eventTypes::text[], :schemaVersions::text[],
                        :payloads::text[], :headers::text[], :aggregateIds::text[])
                 WITH ORDINALITY AS e(id, topic, message_key, event_type, schema_version, payload, headers, aggregate_id, ord)
            WHERE (SELECT count(*) FROM key_locks) >= 0
            ORDER BY e.ord
            ON CONFLICT (id) DO NOTHING
            """;

    private final DatabaseClient db;
    private final JsonMapper json;
    private final TraceparentSource traces;
    private final Clock clock;
    private final Runnable afterCommit;

    /**
     * @param afterCommit run after the transaction that wrote events commits (wakes the relay in this JVM); may be a no-op
     */
    public OutboxWriter(DatabaseClient db, JsonMapper json, TraceparentSource traces, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.json = json;
        this.traces = traces;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /**
     * Writes one event to the outbox in the current transaction.
     *
     * @throws IllegalStateException (as the Mono's error) when there is no transaction: an event must commit with
     *                               its change, never on its own
     */
    public Mono<Void> append(OutboxMessage message) {
        return requireTransaction()
                .then(traces.current())
                .flatMap(traceparent -> insert(message, traceparent))
                .then(notifyAfterCommit());
    }

    /**
     * Writes several events, in order, in the current transaction, in one statement (fails without a transaction, as
     * {@link #append}).
     */
    public Mono<Void> appendAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        if (messages.size() == 1) {
            return append(messages.get(0));
        }
        return requireTransaction()
                .then(traces.current())
                .flatMap(traceparent -> insertAll(messages, traceparent))
                .then(notifyAfterCommit());
    }

    private static Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("OutboxWriter needs a transaction: write the "
                        + "event in the same TransactionalOperator/@Transactional pipeline as the change it describes")))
                .then();
    }

    private Mono<Long> insert(OutboxMessage message, String traceparent) {
        return Mono.defer(() -> {
            UUID id = message.eventId() != null ? message.eventId() : EventIds.newId();
            Instant occurredAt = message.occurredAt() != null ? message.occurredAt() : clock.instant();
            Map<String, String> headers = OutboxHeaders.of(id, message.eventType(), message.schemaVersion(), occurredAt,
                    message.aggregateId(), traceparent);
            return db.sql(INSERT)
                    .bind("id", id)
                    .bind("topic", message.topic())
                    .bind("key", message.key())
                    .bind("eventType", message.eventType())
                    .bind("schemaVersion", message.schemaVersion())
                    .bind("payload", Json.of(payloadJson(message.payload())))
                    .bind("headers", Json.of(json.writeValueAsString(headers)))
                    .bind("aggregateId", message.aggregateId())
                    .fetch()
                    .rowsUpdated();
        });
    }

    private Mono<Long> insertAll(List<OutboxMessage> messages, String traceparent) {
        return Mono.defer(() -> {
            int n = messages.size();
            UUID[] ids = new UUID[n];
            String[] topics = new String[n];
            String[] keys = new String[n];
            String[] eventTypes = new String[n];
            String[] schemaVersions = new String[n];
            String[] payloads = new String[n];
            String[] headers = new String[n];
            String[] aggregateIds = new String[n];
            for (int i = 0; i < n; i++) {
                OutboxMessage message = messages.get(i);
                ids[i] = message.eventId() != null ? message.eventId() : EventIds.newId();
                Instant occurredAt = message.occurredAt() != null ? message.occurredAt() : clock.instant();
                topics[i] = message.topic();
                keys[i] = message.key();
                eventTypes[i] = message.eventType();
                schemaVersions[i] = message.schemaVersion();
                payloads[i] = payloadJson(message.payload());
                headers[i] = json.writeValueAsString(OutboxHeaders.of(ids[i], message.eventType(), message.schemaVersion(),
                        occurredAt, message.aggregateId(), traceparent));
                aggregateIds[i] = message.aggregateId();
            }
            return db.sql(INSERT_ALL)
                    .bind("ids", ids)
                    .bind("topics", topics)
                    .bind("keys", keys)
                    .bind("eventTypes", eventTypes)
                    .bind("schemaVersions", schemaVersions)
                    .bind("payloads", payloads)
                    .bind("headers", headers)
                    .bind("aggregateIds", aggregateIds)
                    .fetch()
                    .rowsUpdated();
        });
    }

    private String payloadJson(Object payload) {
        if (payload instanceof OutboxMessage.JsonText text) {
            return text.json();
        }
        return json.writeValueAsString(payload);
    }

    private Mono<Void> notifyAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(synchronizations -> {
                    if (synchronizations.isSynchronizationActive()) {
                        synchronizations.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(afterCommit);
                            }
                        });
                        return Mono.<Void>empty();
                    }
                    return Mono.<Void>fromRunnable(afterCommit);
                });
    }
}
