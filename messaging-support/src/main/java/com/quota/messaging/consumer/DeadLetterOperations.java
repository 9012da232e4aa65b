package com.quota.messaging.consumer;

import com.quota.messaging.inbox.Inbox;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an operator does with dead-lettered and parked events: list them, redrive a key after a fix (its dead-lettered
 * event, then its parked ones, applied once each and in order, in one transaction), or discard one event with a
 * reason (the key's remaining events are then applied). Every action is audited in {@code messaging_operator_action}.
 */
public final class DeadLetterOperations {

    private static final String OPEN = """
            SELECT id, consumer, message_key, topic, kafka_partition, kafka_offset, event_id, event_type, status, error, parked_at
            FROM inbox_parked_event
            WHERE resolved_at IS NULL AND (CAST(:consumer AS text) IS NULL OR consumer = :consumer)
            ORDER BY id
            LIMIT :limit
            """;
    private static final String ONE = """
            SELECT id, consumer, message_key FROM inbox_parked_event WHERE id = :id AND resolved_at IS NULL
            """;
    private static final String LOCK_KEY = """
            SELECT message_key FROM inbox_parked_key WHERE consumer = :consumer AND message_key = :key FOR UPDATE
            """;
    private static final String OPEN_OF_KEY = """
            SELECT id, topic, kafka_partition, kafka_offset, message_key, CAST(headers AS text) AS headers, payload
            FROM inbox_parked_event
            WHERE consumer = :consumer AND message_key = :key AND resolved_at IS NULL
            ORDER BY id
            FOR UPDATE
            """;
    private static final String OPEN_BY_ID = """
            SELECT id, topic, kafka_partition, kafka_offset, message_key, CAST(headers AS text) AS headers, payload
            FROM inbox_parked_event
            WHERE id = :id AND resolved_at IS NULL
            FOR UPDATE
            """;
    private static final String RESOLVE = """
            UPDATE inbox_parked_event
            SET status = :status, resolved_at = clock_timestamp(), resolved_by = :actor, resolution_reason = :reason
            WHERE id = ANY(CAST(:ids AS bigint[]))
            """;
    private static final String UNPARK_KEY = "DELETE FROM inbox_parked_key WHERE consumer = :consumer AND message_key = :key";
    private static final String AUDIT = """
            INSERT INTO messaging_operator_action (actor, action, target, reason, outcome)
            VALUES (:actor, :action, :target, :reason, :outcome)
            """;
    private static final String RECORD_ERROR = "UPDATE inbox_parked_event SET error = :error WHERE id = :id";

    private final DatabaseClient db;
    private final Inbox inbox;
    private final ParkedEvents parked;
    private final EventConsumers consumers;
    private final JsonMapper mapper;

    public DeadLetterOperations(DatabaseClient db, Inbox inbox, ParkedEvents parked, EventConsumers consumers, JsonMapper mapper) {
        this.db = db;
        this.inbox = inbox;
        this.parked = parked;
        this.consumers = consumers;
        this.mapper = mapper;
    }

    /** One stored event that a consumer has not applied. */
    public record StoredEvent(long id, String consumer, String key, String topic, int partition, long offset,
                              UUID eventId, String eventType, String status, String error, Instant parkedAt) {
    }

    /** What an action did. */
    public record Outcome(boolean done, int applied, String error) {
    }

    /** Unresolved dead-lettered ({@code DEAD_LETTERED}) and parked ({@code PARKED}) events, oldest first. */
    public Flux<StoredEvent> open(String consumer, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(OPEN).bind("limit", limit);
        spec = consumer == null ? spec.bindNull("consumer", String.class) : spec.bind("consumer", consumer);
        return spec.map((row, meta) -> new StoredEvent(row.get("id", Long.class), row.get("consumer", String.class),
                        row.get("message_key", String.class), row.get("topic", String.class),
                        row.get("kafka_partition", Integer.class), row.get("kafka_offset", Long.class),
                        row.get("event_id", UUID.class), row.get("event_type", String.class), row.get("status", String.class),
                        row.get("error", String.class), row.get("parked_at", Instant.class)))
                .all();
    }

    /** Applies the key's dead-lettered and parked events in order (after the consumer's fix), then unparks the key. */
    public Mono<Outcome> redrive(String consumer, String key, String actor, String reason) {
        return resolveKey(consumer, key, null, actor, reason);
    }

    /** Redrives the key of one stored event (or that event alone when it has no key). */
    public Mono<Outcome> redriveEvent(long id, String actor, String reason) {
        return find(id).flatMap(found -> resolveKey(found.consumer(), found.key(), found.key() == null ? id : null, actor, reason)
)
                .switchIfEmpty(Mono.just(new Outcome(false, 0, "no open event " + id)));
    }

    /** Discards one stored event with a reason (it will never be applied), then applies its key's remaining events. */
    public Mono<Outcome> discard(long id, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            return Mono.just(new Outcome(false, 0, "a discard needs a reason"));
        }
        return find(id).flatMap(found -> db.sql(RESOLVE)
                                .bind("status", "DISCARDED").bind("actor", actor).bind("reason", reason)
                                .bind("ids", new Long[]{id}).fetch().rowsUpdated()
                                .then(audit(actor, "discard", "event " + id + " of " + found.consumer(), reason, "discarded"))
                                .as(inbox::inOneTransaction)
                                .then(found.key() == null ? Mono.just(new Outcome(true, 0, null))
                                        : resolveKey(found.consumer(), found.key(), null, actor, "after discarding event " + id)))
                .switchIfEmpty(Mono.just(new Outcome(false, 0, "no open event " + id)));
    }

    private record Found(String consumer, String key) {
    }

    private Mono<Found> find(long id) {
        return db.sql(ONE).bind("id", id)
                .map((row, meta) -> new Found(row.get("consumer", String.class), row.get("message_key", String.class)))
                .one();
    }

    private record Row(long id, String topic, int partition, long offset, String key, String headers, byte[] payload) {
    }

    private Mono<Outcome> resolveKey(String consumer, String key, Long onlyId, String actor, String reason) {
        String target = key != null ? "key " + key + " of " + consumer : "event " + onlyId + " of " + consumer;
        InboundEventDispatcher dispatcher;
        try {
            dispatcher = consumers.dispatcher(consumer);
        } catch (IllegalArgumentException e) {
            return Mono.just(new Outcome(false, 0, e.getMessage()));
        }
        Mono<List<Row>> rows = (key != null
                ? db.sql(LOCK_KEY).bind("consumer", consumer).bind("key", key).fetch().all().then(
                        Mono.defer(() -> db.sql(OPEN_OF_KEY).bind("consumer", consumer).bind("key", key).map(this::row).all().collectList()))
                : db.sql(OPEN_BY_ID).bind("id", onlyId).map(this::row).all().collectList());
        List<Long> firstId = new ArrayList<>();
        Mono<Outcome> work = rows.flatMap(found -> {
            if (!found.isEmpty()) {
                firstId.add(found.get(0).id());
            }
            List<InboundEvent> events = new ArrayList<>();
            for (Row row : found) {
                events.add(InboundEvent.from(parked.recordOf(row.topic(), row.partition(), row.offset(), row.key(),
                        row.headers(), row.payload()), mapper));
            }
            Long[] ids = found.stream().map(Row::id).toArray(Long[]::new);
            Mono<Void> unpark = key == null ? Mono.empty()
                    : db.sql(UNPARK_KEY).bind("consumer", consumer).bind("key", key).fetch().rowsUpdated().then();
            return dispatcher.applyRedriven(events)
                    .then(ids.length == 0 ? Mono.empty() : db.sql(RESOLVE).bind("status", "REDRIVEN").bind("actor", actor)
                            .bind("reason", reason == null ? "redrive" : reason).bind("ids", ids).fetch().rowsUpdated().then())
                    .then(unpark)
                    .then(audit(actor, "redrive", target, reason, "applied " + events.size()))
                    .thenReturn(new Outcome(true, events.size(), null));
        });
        return inbox.inOneTransaction(work)
                .onErrorResume(error -> {
                    String message = ParkedEvents.describe(error);
                    Mono<Void> recordError = firstId.isEmpty() ? Mono.empty()
                            : db.sql(RECORD_ERROR).bind("error", message).bind("id", firstId.get(0)).fetch().rowsUpdated().then();
                    return recordError.then(audit(actor, "redrive", target, reason, "failed: " + message))
                            .onErrorResume(ignored -> Mono.empty())
                            .thenReturn(new Outcome(false, 0, message));
                });
    }

    private Row row(io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata meta) {
        return new Row(row.get("id", Long.class), row.get("topic", String.class), row.get("kafka_partition", Integer.class),
                row.get("kafka_offset", Long.class), row.get("message_key", String.class), row.get("headers", String.class),
                row.get("payload", byte[].class));
    }

    private Mono<Void> audit(String actor, String action, String target, String reason, String outcome) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(AUDIT).bind("actor", actor == null ? "unknown" : actor)
                .bind("action", action).bind("target", target).bind("outcome", outcome);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.fetch().rowsUpdated().then();
    }
}
