package com.quota.messaging.consumer;

import com.quota.eventcontracts.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundEventTest {

    private static final UUID EVENT_ID = UUID.fromString("0192f5b4-7c1e-7a3d-9a55-3f1f8c2b6d10");

    /** The consumer's own view of the event: only the fields it needs. */
    record DealRecorded(String dealId, BigDecimal amount) {
    }

    private static ConsumerRecord<String, byte[]> record(Map<String, String> headers, String value) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((k, v) -> recordHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>("test.deal.v1", 3, 17L, ConsumerRecord.NO_TIMESTAMP,
                org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, -1, -1, "deal-1",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), recordHeaders, java.util.Optional.empty());
    }

    private static Map<String, String> envelope() {
        return Map.of(EventHeaders.EVENT_ID, EVENT_ID.toString(), EventHeaders.EVENT_TYPE, "DealRecorded",
                EventHeaders.SCHEMA_VERSION, "1", EventHeaders.OCCURRED_AT, "2026-11-20T06:15:30.120Z",
                EventHeaders.AGGREGATE_ID, "deal-1");
    }

    @Test
    void readsTheEnvelopeFromTheHeaders() {
        InboundEvent event = InboundEvent.from(record(envelope(), "{\"dealId\":\"deal-1\",\"amount\":\"12500.00\"}"), InboundEvent.DEFAULT_MAPPER);

        assertThat(event.eventId()).isEqualTo(EVENT_ID);
        assertThat(event.eventType()).isEqualTo("DealRecorded");
        assertThat(event.schemaVersion()).isEqualTo("1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-20T06:15:30.120Z"));
        assertThat(event.aggregateId()).isEqualTo("deal-1");
        assertThat(event.partition()).isEqualTo(3);
        assertThat(event.offset()).isEqualTo(17L);
    }

    @Test
    void readsThePayloadIntoTheConsumersOwnRecordIgnoringUnknownFields() {
        InboundEvent event = InboundEvent.from(record(envelope(),
                "{\"dealId\":\"deal-1\",\"amount\":\"12500.00\",\"addedInV1_3\":{\"x\":1}}"), InboundEvent.DEFAULT_MAPPER);

        assertThat(event.payloadAs(DealRecorded.class)).isEqualTo(new DealRecorded("deal-1", new BigDecimal("12500.00")));
    }

    @Test
    void recordsWithoutAValidEventIdAreInvalid() {
        Map<String, String> noId = new java.util.HashMap<>(envelope());
        noId.remove(EventHeaders.EVENT_ID);
        Map<String, String> badId = new java.util.HashMap<>(envelope());
        badId.put(EventHeaders.EVENT_ID, "42");

        assertThatThrownBy(() -> InboundEvent.from(record(noId, "{}"), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> InboundEvent.from(record(badId, "{}"), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a UUID");
    }

    @Test
    void recordsWithoutEventTypeOrWithABadTimestampAreInvalid() {
        Map<String, String> noType = new java.util.HashMap<>(envelope());
        noType.remove(EventHeaders.EVENT_TYPE);
        Map<String, String> badTime = new java.util.HashMap<>(envelope());
        badTime.put(EventHeaders.OCCURRED_AT, "yesterday");

        assertThatThrownBy(() -> InboundEvent.from(record(noType, "{}"), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("eventType");
        assertThatThrownBy(() -> InboundEvent.from(record(badTime, "{}"), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("occurredAt");
    }

    @Test
    void payloadsThatAreNotJsonObjectsAreInvalid() {
        assertThatThrownBy(() -> InboundEvent.from(record(envelope(), "{not json"), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> InboundEvent.from(record(envelope(), "[1,2]"), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> InboundEvent.from(record(envelope(), null), InboundEvent.DEFAULT_MAPPER))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("no payload");
    }

    @Test
    void aPayloadThatDoesNotFitTheConsumersRecordIsInvalid() {
        InboundEvent event = InboundEvent.of("test.deal.v1", EVENT_ID, "DealRecorded", "deal-1", Instant.EPOCH,
                "{\"dealId\":\"deal-1\",\"amount\":\"a lot\"}");

        assertThatThrownBy(() -> event.payloadAs(DealRecorded.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("does not fit DealRecorded");
    }
}
