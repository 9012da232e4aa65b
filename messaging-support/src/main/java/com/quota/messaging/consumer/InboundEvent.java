package com.quota.messaging.consumer;

import com.quota.eventcontracts.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * An event as a consumer receives it: the envelope (from the record headers) and the raw JSON payload, which the
 * consumer reads into its own record with {@link #payloadAs(Class)} (unknown fields ignored).
 */
public final class InboundEvent {

    /** The mapper used when none is given: Jackson 3 defaults, unknown fields ignored. */
    public static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String topic;
    private final String key;
    private final int partition;
    private final long offset;
    private final UUID eventId;
    private final String eventType;
    private final String schemaVersion;
    private final String aggregateId;
    private final Instant occurredAt;
    private final String traceparent;
    private final String payloadJson;
    private final JsonNode payload;
    private final JsonMapper mapper;

    private InboundEvent(String topic, String key, int partition, long offset, UUID eventId, String eventType, String schemaVersion,
                         String aggregateId, Instant occurredAt, String traceparent, String payloadJson, JsonNode payload,
                         JsonMapper mapper) {
        this.topic = topic;
        this.key = key;
        this.partition = partition;
        this.offset = offset;
        this.eventId = eventId;
        this.eventType = eventType;
        this.schemaVersion = schemaVersion;
        this.aggregateId = aggregateId;
        this.occurredAt = occurredAt;
        this.traceparent = traceparent;
        this.payloadJson = payloadJson;
        this.payload = payload;
        this.mapper = mapper;
    }

    /**
     * Reads the envelope of a Kafka record.
     *
     * @throws InvalidEventException when eventId is missing or not a UUID, eventType is missing, occurredAt is not an
     *                               ISO-8601 instant, or the value is not a JSON object
     */
    public static InboundEvent from(ConsumerRecord<String, byte[]> record, JsonMapper mapper) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String eventType = header(record, EventHeaders.EVENT_TYPE);
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidEventException("record " + where + " has no " + EventHeaders.EVENT_TYPE + " header");
        }
        UUID eventId = eventId(header(record, EventHeaders.EVENT_ID), where);
        Instant occurredAt = occurredAt(header(record, EventHeaders.OCCURRED_AT), where);
        String aggregateIdHeader = header(record, EventHeaders.AGGREGATE_ID);
        String aggregateId = aggregateIdHeader != null ? aggregateIdHeader : record.key();
        if (record.value() == null) {
            throw new InvalidEventException("record " + where + " (" + eventType + " " + eventId + ") has no payload");
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        return new InboundEvent(record.topic(), record.key(), record.partition(), record.offset(), eventId, eventType,
                header(record, EventHeaders.SCHEMA_VERSION), aggregateId, occurredAt, header(record, EventHeaders.TRACEPARENT),
                json, parseObject(json, mapper, eventType + " " + eventId + " at " + where), mapper);
    }

    /**
     * An event built by hand, e.g. in a consumer's test that feeds it the golden example payload of event-contracts.
     */
    public static InboundEvent of(String topic, UUID eventId, String eventType, String aggregateId, Instant occurredAt,
                                  String payloadJson) {
        return new InboundEvent(topic, aggregateId, -1, -1, eventId, eventType, "1", aggregateId, occurredAt, null, payloadJson,
                parseObject(payloadJson, DEFAULT_MAPPER, eventType + " " + eventId), DEFAULT_MAPPER);
    }

    /**
     * The payload read into the consumer's own type (fields it does not know are ignored).
     *
     * @throws InvalidEventException when the payload does not fit the type
     */
    public <T> T payloadAs(Class<T> type) {
        try {
            return mapper.treeToValue(payload, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidEventException("payload of " + eventType + " " + eventId + " does not fit "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The payload as a JSON tree. */
    public JsonNode payload() {
        return payload;
    }

    /** The payload exactly as received. */
    public String payloadJson() {
        return payloadJson;
    }

    public String topic() {
        return topic;
    }

    /** The Kafka record key (the ordering unit); the aggregate id for an event built by hand. */
    public String key() {
        return key;
    }

    /** Partition the record came from (-1 for an event built by hand). */
    public int partition() {
        return partition;
    }

    /** Offset of the record (-1 for an event built by hand). */
    public long offset() {
        return offset;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    /** The {@code schemaVersion} header; null when the producer sent none. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** The {@code aggregateId} header, else the record key. */
    public String aggregateId() {
        return aggregateId;
    }

    /** The {@code occurredAt} header; null when the producer sent none. */
    public Instant occurredAt() {
        return occurredAt;
    }

    /** The {@code traceparent} header; null when the producer sent none. */
    public String traceparent() {
        return traceparent;
    }

    @Override
    public String toString() {
        return eventType + " " + eventId + " (" + topic + "-" + partition + "@" + offset + ", aggregate " + aggregateId + ")";
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static UUID eventId(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("record " + where + " has no " + EventHeaders.EVENT_ID + " header");
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("record " + where + " has an " + EventHeaders.EVENT_ID + " that is not a UUID: " + value, e);
        }
    }

    private static Instant occurredAt(String value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("record " + where + " has an " + EventHeaders.OCCURRED_AT + " that is not an ISO-8601 instant: " + value, e);
        }
    }

    private static JsonNode parseObject(String json, JsonMapper mapper, String what) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidEventException("payload of " + what + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("payload of " + what + " is not a JSON object");
        }
        return tree;
    }
}
