package com.quota.messaging.outbox;

import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxHeadersTest {

    private static final UUID EVENT_ID = UUID.fromString("0192f5b4-7c1e-7a3d-9a55-3f1f8c2b6d10");

    @Test
    void envelopeCarriesEveryHeaderOfTheContract() {
        Map<String, String> headers = OutboxHeaders.of(EVENT_ID, "OpportunityWon", "1",
                Instant.parse("2026-11-20T06:15:30.120Z"), "opp-42", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(headers.keySet()).containsExactlyElementsOf(EventHeaders.ALL);
        assertThat(headers).containsEntry(EventHeaders.EVENT_ID, EVENT_ID.toString())
                .containsEntry(EventHeaders.EVENT_TYPE, "OpportunityWon")
                .containsEntry(EventHeaders.SCHEMA_VERSION, "1")
                .containsEntry(EventHeaders.OCCURRED_AT, "2026-11-20T06:15:30.120Z")
                .containsEntry(EventHeaders.AGGREGATE_ID, "opp-42");
    }

    @Test
    void occurredAtIsAnIsoInstantInUtc() {
        Map<String, String> headers = OutboxHeaders.of(EVENT_ID, "X", "1",
                Instant.parse("2026-01-02T03:04:05+08:00"), "a", null);

        assertThat(headers.get(EventHeaders.OCCURRED_AT)).isEqualTo("2026-01-01T19:04:05Z");
        assertThat(headers).doesNotContainKey(EventHeaders.TRACEPARENT);
    }

    @Test
    void catalogueTypesBringTheirTopicAndSchemaVersionAndKeyDefaultsToTheAggregate() {
        OutboxMessage message = OutboxMessage.of(EventType.OPPORTUNITY_WON, "opp-42").payload(Map.of("a", 1)).build();

        assertThat(message.topic()).isEqualTo("pipeline.opportunity.v1");
        assertThat(message.eventType()).isEqualTo("OpportunityWon");
        assertThat(message.schemaVersion()).isEqualTo("1");
        assertThat(message.key()).isEqualTo("opp-42");
        assertThat(message.eventId()).as("a new UUIDv7 is chosen when written").isNull();
    }

    @Test
    void messagesWithoutPayloadOrAggregateAreRejected() {
        assertThatThrownBy(() -> OutboxMessage.of(EventType.OPPORTUNITY_WON, "opp-42").build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OutboxMessage.of("t", "E", "1", " ").payload("x").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
