package com.quota.messaging.outbox;

import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
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

    // ON CONFLICT: a derived event written again with its name-based id is the same event; keep the first
    private static final String INSERT = """
            INSERT INTO outbox_event (id, topic, message_key, event_type, schema_version, payload, headers, aggregate_id)
            VALUES (:id, :topic, :key, :eventType, :schemaVersion, :payload, :headers, :aggregateId)
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

    /** Writes one event to the outbox in the current transaction. */
    public Mono<Void> append(OutboxMessage message) {
        return traces.current()
                .flatMap(traceparent -> insert(message, traceparent))
                .then(notifyAfterCommit());
    }

    /** Writes several events, in order, in the current transaction. */
    public Mono<Void> appendAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        return traces.current()
                .flatMapMany(traceparent -> Flux.fromIterable(messages).concatMap(message -> insert(message, traceparent)))
                .then(notifyAfterCommit());
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
                })
                // no transaction: the insert committed on its own
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(afterCommit));
    }
}
