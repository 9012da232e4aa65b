package com.quota.messaging.consumer;

import com.quota.eventcontracts.EventHeaders;
import io.r2dbc.postgresql.codec.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The store of events a consumer did not apply: dead-lettered ones and the later events of their key, parked behind
 * them ({@code inbox_parked_event}, {@code inbox_parked_key}). Statements run in the caller's transaction.
 */
public final class ParkedEvents {

    static final String DEAD_LETTERED = "DEAD_LETTERED";
    static final String PARKED = "PARKED";
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };
    private static final int MAX_ERROR_LENGTH = 2_000;

    private static final String PARKED_KEYS = """
            SELECT message_key FROM inbox_parked_key
            WHERE consumer = :consumer AND message_key = ANY(CAST(:keys AS text[]))
            FOR SHARE
            """;
    private static final String INSERT = """
            INSERT INTO inbox_parked_event (consumer, message_key, topic, kafka_partition, kafka_offset, event_id, event_type,
                                            headers, payload, status, error)
            VALUES (:consumer, :key, :topic, :partition, :offset, :eventId, :eventType, :headers, :payload, :status, :error)
            ON CONFLICT (consumer, topic, kafka_partition, kafka_offset) DO NOTHING
            """;
    private static final String PARK_KEY = """
            INSERT INTO inbox_parked_key (consumer, message_key) VALUES (:consumer, :key) ON CONFLICT DO NOTHING
            """;

    private final DatabaseClient db;
    private final JsonMapper json;

    public ParkedEvents(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Which of these keys are parked for this consumer; locks their rows FOR SHARE until the transaction ends. */
    Mono<Set<String>> lockParkedKeys(String consumer, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(PARKED_KEYS)
                .bind("consumer", consumer)
                .bind("keys", keys.toArray(String[]::new))
                .map((row, meta) -> row.get("message_key", String.class))
                .all()
                .collect(Collectors.toSet());
    }

    /** Stores events behind a dead-lettered event of their key. */
    Mono<Void> park(String consumer, List<InboundEvent> events) {
        return Flux.fromIterable(events)
                .concatMap(event -> insert(consumer, event.key(), event.topic(), event.partition(), event.offset(),
                        event.eventId(), event.eventType(), headersOf(event),
                        event.payloadJson().getBytes(StandardCharsets.UTF_8), PARKED, null))
                .then();
    }

    /** Stores a dead-lettered record and parks its key (later events of the key wait for it). */
    Mono<Void> deadLetter(String consumer, ConsumerRecord<String, byte[]> record, Throwable error) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null && !header.key().startsWith("kafka_")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        UUID eventId = null;
        try {
            String id = headers.get(EventHeaders.EVENT_ID);
            eventId = id == null ? null : UUID.fromString(id.trim());
        } catch (IllegalArgumentException notAUuid) {
            // unreadable envelope: stored without an id
        }
        String text = describe(error);
        Mono<Void> insert = insert(consumer, record.key(), record.topic(), record.partition(), record.offset(), eventId,
                headers.get(EventHeaders.EVENT_TYPE), headers, record.value(), DEAD_LETTERED, text).then();
        if (record.key() == null) {
            return insert;
        }
        return insert.then(db.sql(PARK_KEY).bind("consumer", consumer).bind("key", record.key()).fetch().rowsUpdated()).then();
    }

    private Mono<Long> insert(String consumer, String key, String topic, int partition, long offset, UUID eventId,
                              String eventType, Map<String, String> headers, byte[] payload, String status, String error) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(INSERT)
                .bind("consumer", consumer)
                .bind("topic", topic)
                .bind("partition", partition)
                .bind("offset", offset)
                .bind("headers", Json.of(json.writeValueAsString(headers)))
                .bind("status", status);
        spec = key == null ? spec.bindNull("key", String.class) : spec.bind("key", key);
        spec = eventId == null ? spec.bindNull("eventId", UUID.class) : spec.bind("eventId", eventId);
        spec = eventType == null ? spec.bindNull("eventType", String.class) : spec.bind("eventType", eventType);
        spec = payload == null ? spec.bindNull("payload", byte[].class) : spec.bind("payload", java.nio.ByteBuffer.wrap(payload));
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", error);
        return spec.fetch().rowsUpdated();
    }

    /** The record of a stored event, as the consumer received it (for a redrive). */
    ConsumerRecord<String, byte[]> recordOf(String topic, int partition, long offset, String key, String headersJson,
                                           byte[] payload) {
        RecordHeaders headers = new RecordHeaders();
        json.readValue(headersJson, HEADER_MAP)
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, payload, headers, Optional.empty());
    }

    private static Map<String, String> headersOf(InboundEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventHeaders.EVENT_ID, event.eventId().toString());
        headers.put(EventHeaders.EVENT_TYPE, event.eventType());
        if (event.schemaVersion() != null) {
            headers.put(EventHeaders.SCHEMA_VERSION, event.schemaVersion());
        }
        if (event.aggregateId() != null) {
            headers.put(EventHeaders.AGGREGATE_ID, event.aggregateId());
        }
        Instant occurredAt = event.occurredAt();
        if (occurredAt != null) {
            headers.put(EventHeaders.OCCURRED_AT, occurredAt.toString());
        }
        if (event.traceparent() != null) {
            headers.put(EventHeaders.TRACEPARENT, event.traceparent());
        }
        return headers;
    }

    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getName() + ": " + root.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
