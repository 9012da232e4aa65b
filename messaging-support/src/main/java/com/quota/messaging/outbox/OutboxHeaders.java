package com.quota.messaging.outbox;

import com.quota.eventcontracts.EventHeaders;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The envelope headers of an outgoing event, as stored in {@code outbox_event.headers} and sent with the record. */
public final class OutboxHeaders {

    private OutboxHeaders() {
    }

    /** eventId, eventType, schemaVersion, occurredAt (ISO-8601 UTC), aggregateId and traceparent, in that order. */
    public static Map<String, String> of(UUID eventId, String eventType, String schemaVersion, Instant occurredAt,
                                         String aggregateId, String traceparent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventHeaders.EVENT_ID, eventId.toString());
        headers.put(EventHeaders.EVENT_TYPE, eventType);
        headers.put(EventHeaders.SCHEMA_VERSION, schemaVersion);
        headers.put(EventHeaders.OCCURRED_AT, DateTimeFormatter.ISO_INSTANT.format(occurredAt));
        headers.put(EventHeaders.AGGREGATE_ID, aggregateId);
        if (traceparent != null) {
            headers.put(EventHeaders.TRACEPARENT, traceparent);
        }
        return headers;
    }
}
