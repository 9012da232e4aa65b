package com.quota.messaging.inbox;

import com.quota.messaging.MessagingMetrics;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The idempotent consumer: records {@code (consumer, eventId)} and applies the event's effect in one transaction,
 * only if the row was new. A redelivered or replayed event finds its row and is skipped, so it has one effect.
 */
public final class Inbox {

    private static final String RECORD = """
            INSERT INTO inbox_event (consumer, event_id, event_type)
            VALUES (:consumer, :eventId, :eventType)
            ON CONFLICT (consumer, event_id) DO NOTHING
            """;
    private static final String RECORD_MANY = """
            INSERT INTO inbox_event (consumer, event_id, event_type)
            SELECT :consumer, e.event_id, e.event_type
            FROM unnest(CAST(:eventIds AS uuid[]), CAST(:eventTypes AS text[])) AS e(event_id, event_type)
            ON CONFLICT (consumer, event_id) DO NOTHING
            RETURNING event_id
            """;
    private static final String SEEN = "SELECT EXISTS (SELECT 1 FROM inbox_event WHERE consumer = :consumer AND event_id = :eventId)";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final MessagingMetrics metrics;

    public Inbox(DatabaseClient db, TransactionalOperator tx, MessagingMetrics metrics) {
        this.db = db;
        this.tx = tx;
        this.metrics = metrics;
    }

    /**
     * In one transaction: insert the inbox row and, if it was new, apply {@code effect} (subscribed only then, inside
     * the transaction, so its database writes commit or roll back with the inbox row). Emits true when applied, false
     * when the consumer had this event already. If the effect fails, nothing is recorded and the error is passed on.
     */
    public Mono<Boolean> processOnce(String consumer, UUID eventId, String eventType, Mono<Void> effect) {
        Mono<Boolean> once = db.sql(RECORD)
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .bind("eventType", eventType)
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> {
                    if (inserted > 0) {
                        return effect.thenReturn(true);
                    }
                    metrics.inboxDuplicate(consumer);
                    return Mono.just(false);
                });
        return tx.transactional(once);
    }

    /**
     * Records many events for one consumer in one statement (within the caller's transaction) and returns the ids
     * that were new; the caller applies exactly those (once each, even if an id occurs twice in the list) in the same
     * transaction. Skipped ids count as duplicates.
     */
    public Mono<Set<UUID>> recordNew(String consumer, List<UUID> eventIds, List<String> eventTypes) {
        if (eventIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(RECORD_MANY)
                .bind("consumer", consumer)
                .bind("eventIds", eventIds.toArray(UUID[]::new))
                .bind("eventTypes", eventTypes.toArray(String[]::new))
                .map((row, meta) -> row.get("event_id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .doOnNext(inserted -> {
                    long duplicates = eventIds.stream().distinct().filter(id -> !inserted.contains(id)).count()
                            + (eventIds.size() - eventIds.stream().distinct().count());
                    metrics.inboxDuplicates(consumer, duplicates);
                });
    }

    /**
     * Runs {@code work} in one transaction; {@link #processOnce} calls inside it join that transaction, so many events
     * (e.g. one Kafka poll) commit together.
     */
    public <T> Mono<T> inOneTransaction(Mono<T> work) {
        return tx.transactional(work);
    }

    /** Whether the database answers a trivial query now (outside any transaction). */
    public Mono<Boolean> answers() {
        return db.sql("SELECT 1").map((row, meta) -> true).one()
                .onErrorReturn(false)
                .defaultIfEmpty(false);
    }

    /** Whether this consumer has applied this event. */
    public Mono<Boolean> hasProcessed(String consumer, UUID eventId) {
        return db.sql(SEEN)
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .map((row, meta) -> row.get(0, Boolean.class))
                .one();
    }
}
