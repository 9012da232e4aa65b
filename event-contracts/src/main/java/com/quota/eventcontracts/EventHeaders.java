package com.quota.eventcontracts;

import java.util.List;

/** Kafka record header names of the event envelope; every value is a UTF-8 string. */
public final class EventHeaders {

    /** Unique id of this event (UUID); consumers record it in their inbox to skip duplicates. */
    public static final String EVENT_ID = "eventId";
    /** Event type name, e.g. {@code OpportunityWon}; consumers dispatch on it, never on a class name. */
    public static final String EVENT_TYPE = "eventType";
    /** Payload schema version within the topic's major version, e.g. {@code 1}. */
    public static final String SCHEMA_VERSION = "schemaVersion";
    /** When the change happened, ISO-8601 UTC instant, e.g. {@code 2026-11-20T06:15:30.120Z}. */
    public static final String OCCURRED_AT = "occurredAt";
    /** Id of the aggregate the event is about; equals the record key. */
    public static final String AGGREGATE_ID = "aggregateId";
    /** W3C trace context of the request that caused the event. */
    public static final String TRACEPARENT = "traceparent";

    /** Every header name of the envelope. */
    public static final List<String> ALL = List.of(
            EVENT_ID, EVENT_TYPE, SCHEMA_VERSION, OCCURRED_AT, AGGREGATE_ID, TRACEPARENT);

    /** Headers a producer must always set ({@code traceparent} may be absent for events not caused by a request). */
    public static final List<String> REQUIRED = List.of(
            EVENT_ID, EVENT_TYPE, SCHEMA_VERSION, OCCURRED_AT, AGGREGATE_ID);

    private EventHeaders() {
    }
}
