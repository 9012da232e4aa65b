package com.quota.targets;

import com.quota.eventcontracts.EventSchemas;
import org.springframework.r2dbc.core.DatabaseClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads what target-service wrote to its outbox, so a test can check what was (or was not) emitted. */
public final class OutboxEvents {

    private final DatabaseClient db;

    public OutboxEvents(DatabaseClient db) {
        this.db = db;
    }

    /** The payloads (JSON text) of one aggregate's events of a type, oldest first. */
    public List<String> payloads(String eventType, Object aggregateId) {
        return db.sql("SELECT payload::text AS payload FROM outbox_event WHERE event_type = :type AND aggregate_id = :id ORDER BY position")
                .bind("type", eventType).bind("id", String.valueOf(aggregateId))
                .map(row -> compact(row.get("payload", String.class))).all().collectList().block();
    }

    /** The payloads, each validated against event-contracts' schema of the type. */
    public List<String> validPayloads(String eventType, Object aggregateId) {
        List<String> payloads = payloads(eventType, aggregateId);
        payloads.forEach(payload -> EventSchemas.assertValid(eventType, payload));
        return payloads;
    }

    public int count(String eventType, Object aggregateId) {
        return payloads(eventType, aggregateId).size();
    }

    /** jsonb prints {@code "a": 1, "b": 2}; tests compare the compact form {@code "a":1,"b":2}. */
    private static String compact(String jsonb) {
        return jsonb.replace("\": ", "\":").replace(", \"", ",\"");
    }

    public static void assertNone(List<String> payloads) {
        assertThat(payloads).isEmpty();
    }
}
