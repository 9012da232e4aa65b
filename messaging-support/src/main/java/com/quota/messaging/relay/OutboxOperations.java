package com.quota.messaging.relay;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

/**
 * What an operator does with outbox rows the relay parked: list them, retry one (after a fix, e.g. the topic was
 * created) or discard one with a reason (it will never be published; the later rows of its key then flow). Audited
 * in {@code messaging_operator_action}.
 */
public final class OutboxOperations {

    private static final String PARKED = """
            SELECT id, position, topic, message_key, event_type, attempts, last_error, parked_at, created_at
            FROM outbox_event
            WHERE parked_at IS NOT NULL AND published_at IS NULL AND discarded_at IS NULL
            ORDER BY position
            LIMIT :limit
            """;
    private static final String RETRY = """
            UPDATE outbox_event SET parked_at = NULL, attempts = 0, next_attempt_at = NULL
            WHERE id = :id AND parked_at IS NOT NULL AND published_at IS NULL AND discarded_at IS NULL
            """;
    private static final String DISCARD = """
            UPDATE outbox_event SET discarded_at = clock_timestamp(), discard_reason = :reason
            WHERE id = :id AND parked_at IS NOT NULL AND published_at IS NULL AND discarded_at IS NULL
            """;
    private static final String AUDIT = """
            INSERT INTO messaging_operator_action (actor, action, target, reason, outcome)
            VALUES (:actor, :action, :target, :reason, :outcome)
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Runnable wakeUp;

    public OutboxOperations(DatabaseClient db, TransactionalOperator tx, Runnable wakeUp) {
        this.db = db;
        this.tx = tx;
        this.wakeUp = wakeUp;
    }

    /** One parked outbox row. */
    public record ParkedRow(UUID id, long position, String topic, String key, String eventType, int attempts,
                            String lastError, Instant parkedAt, Instant createdAt) {
    }

    public Flux<ParkedRow> parked(int limit) {
        return db.sql(PARKED).bind("limit", limit)
                .map((row, meta) -> new ParkedRow(row.get("id", UUID.class), row.get("position", Long.class),
                        row.get("topic", String.class), row.get("message_key", String.class), row.get("event_type", String.class),
                        row.get("attempts", Integer.class), row.get("last_error", String.class),
                        row.get("parked_at", Instant.class), row.get("created_at", Instant.class)))
                .all();
    }

    /** Unparks a row: the relay tries it again at once. Emits whether a parked row was found. */
    public Mono<Boolean> retry(UUID id, String actor, String reason) {
        return act(RETRY, "outbox-retry", id, actor, reason).doOnNext(done -> wakeUp.run());
    }

    /** Discards a parked row with a reason. Emits whether a parked row was found. */
    public Mono<Boolean> discard(UUID id, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(new IllegalArgumentException("a discard needs a reason"));
        }
        return act(DISCARD, "outbox-discard", id, actor, reason).doOnNext(done -> wakeUp.run());
    }

    private Mono<Boolean> act(String sql, String action, UUID id, String actor, String reason) {
        DatabaseClient.GenericExecuteSpec update = db.sql(sql).bind("id", id);
        if (sql.contains(":reason")) {
            update = update.bind("reason", reason);
        }
        Mono<Boolean> work = update.fetch().rowsUpdated()
                .flatMap(updated -> {
                    DatabaseClient.GenericExecuteSpec audit = db.sql(AUDIT).bind("actor", actor == null ? "unknown" : actor)
                            .bind("action", action).bind("target", "outbox row " + id)
                            .bind("outcome", updated > 0 ? "done" : "no parked row");
                    audit = reason == null ? audit.bindNull("reason", String.class) : audit.bind("reason", reason);
                    return audit.fetch().rowsUpdated().thenReturn(updated > 0);
                });
        return tx.transactional(work);
    }
}
