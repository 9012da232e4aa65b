package com.quota.messaging.outbox;

import com.quota.eventcontracts.EventType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to publish: where it goes, what it is about and its payload. Build it with
 * {@code OutboxMessage.of(EventType.OPPORTUNITY_WON, opportunityId).payload(new OpportunityWon(...)).build()}.
 *
 * @param topic         Kafka topic, e.g. {@code pipeline.opportunity.v1}
 * @param eventType     wire name, e.g. {@code OpportunityWon}
 * @param schemaVersion payload schema version within the topic's major version
 * @param aggregateId   id of the aggregate the event is about
 * @param key           record key; the aggregate id unless set, so one aggregate's events stay in order
 * @param payload       the payload object (serialized to JSON), or {@link JsonText} for JSON that is already text
 * @param eventId       the event id; null for a new UUIDv7, or a {@link EventIds#derived name-based id} for a derived event
 * @param occurredAt    when the change happened; null for now
 */
public record OutboxMessage(String topic, String eventType, String schemaVersion, String aggregateId, String key,
                            Object payload, UUID eventId, Instant occurredAt) {

    public OutboxMessage {
        requireText(topic, "topic");
        requireText(eventType, "eventType");
        requireText(schemaVersion, "schemaVersion");
        requireText(aggregateId, "aggregateId");
        key = key == null ? aggregateId : key;
        Objects.requireNonNull(payload, "payload");
    }

    /** A message of a catalogued event type: topic and schema version come from the catalogue. */
    public static Builder of(EventType type, Object aggregateId) {
        return new Builder(type.topic(), type.typeName(), type.schemaVersion(), String.valueOf(aggregateId));
    }

    /** A message of any event type (e.g. one not yet in the catalogue, or a test topic). */
    public static Builder of(String topic, String eventType, String schemaVersion, Object aggregateId) {
        return new Builder(topic, eventType, schemaVersion, String.valueOf(aggregateId));
    }

    /** JSON that is already text; written to the outbox as it is. */
    public record JsonText(String json) {
        public JsonText {
            requireText(json, "json");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Builds an {@link OutboxMessage}. */
    public static final class Builder {

        private final String topic;
        private final String eventType;
        private final String schemaVersion;
        private final String aggregateId;
        private String key;
        private Object payload;
        private UUID eventId;
        private Instant occurredAt;

        private Builder(String topic, String eventType, String schemaVersion, String aggregateId) {
            this.topic = topic;
            this.eventType = eventType;
            this.schemaVersion = schemaVersion;
            this.aggregateId = aggregateId;
        }

        /** The payload object, serialized with Jackson. */
        public Builder payload(Object payload) {
            this.payload = payload;
            return this;
        }

        /** A payload that is JSON text already. */
        public Builder payloadJson(String json) {
            this.payload = new JsonText(json);
            return this;
        }

        /** A record key other than the aggregate id (rarely needed: the key decides ordering). */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** A caller-chosen id, e.g. {@link EventIds#derived} for an event derived from another. */
        public Builder eventId(UUID eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        public OutboxMessage build() {
            return new OutboxMessage(topic, eventType, schemaVersion, aggregateId, key, payload, eventId, occurredAt);
        }
    }
}
