package com.quota.eventcontracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates event payloads and header envelopes against the published contracts, and serves the golden examples.
 * Meant for producer and consumer tests; thread-safe, schemas are compiled once and cached.
 */
public final class EventSchemas {

    /** Base IRI of every schema's {@code $id}; maps one to one onto the {@code event-contracts/} classpath folder. */
    public static final String ID_BASE = "https://quota.example/event-contracts/";

    /** The {@code $id} of the shared definitions (Money, owner split, period keys, dimensions ...). */
    public static final String COMMON_SCHEMA_ID = ID_BASE + "schemas/common.schema.json";

    private static final String RESOURCE_BASE = "event-contracts/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    // our $ids are not network locations: serve them from this jar's classpath, never fetch
                    .schemas(EventSchemas::schemaTextForId)
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            // "format" is only an annotation in 2020-12 by default; we want bad dates rejected
                            .formatAssertionsEnabled(true)
                            .build()));

    private static final Map<EventType, Schema> COMPILED = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Violations of {@code jsonPayload} against the schema of {@code eventType}; empty when valid. */
    public static List<String> validate(String eventType, String jsonPayload) {
        return validate(EventType.of(eventType), jsonPayload);
    }

    /** Violations of {@code jsonPayload} against the schema of {@code eventType}; empty when valid. */
    public static List<String> validate(EventType eventType, String jsonPayload) {
        if (jsonPayload == null) {
            return List.of("payload is null");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(jsonPayload);
        } catch (JacksonException e) {
            return List.of("payload is not valid JSON: " + e.getOriginalMessage());
        }
        List<Error> errors = schema(eventType).validate(payload);
        List<String> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            String location = error.getInstanceLocation().toString();
            violations.add(eventType.typeName() + " " + (location.isEmpty() ? "/" : location) + ": " + error.getMessage());
        }
        return List.copyOf(violations);
    }

    /** Throws an {@link AssertionError} listing every violation unless {@code jsonPayload} is valid. */
    public static void assertValid(String eventType, String jsonPayload) {
        assertValid(EventType.of(eventType), jsonPayload);
    }

    /** Throws an {@link AssertionError} listing every violation unless {@code jsonPayload} is valid. */
    public static void assertValid(EventType eventType, String jsonPayload) {
        List<String> violations = validate(eventType, jsonPayload);
        if (!violations.isEmpty()) {
            throw new AssertionError("payload violates the " + eventType.typeName() + " v"
                    + eventType.schemaVersion() + " schema:\n  " + String.join("\n  ", violations)
                    + "\npayload: " + jsonPayload);
        }
    }

    /** Violations of a record's header envelope (see {@link EventHeaders}); empty when valid. */
    public static List<String> validateHeaders(Map<String, String> headers) {
        return validateHeaders(headers, null);
    }

    /**
     * Violations of a record's header envelope (see {@link EventHeaders}); empty when valid. When
     * {@code expectedEventType} is not null the {@code eventType} header must name it.
     */
    public static List<String> validateHeaders(Map<String, String> headers, EventType expectedEventType) {
        List<String> violations = new ArrayList<>();
        for (String name : EventHeaders.REQUIRED) {
            String value = headers.get(name);
            if (value == null || value.isBlank()) {
                violations.add("header " + name + " is missing");
            }
        }
        String eventId = headers.get(EventHeaders.EVENT_ID);
        if (eventId != null && !isUuid(eventId)) {
            violations.add("header eventId is not a UUID: " + eventId);
        }
        String typeName = headers.get(EventHeaders.EVENT_TYPE);
        EventType type = typeName == null ? null : EventType.find(typeName).orElse(null);
        if (typeName != null && type == null) {
            violations.add("header eventType names no known event type: " + typeName);
        }
        if (expectedEventType != null && typeName != null && type != expectedEventType) {
            violations.add("header eventType is " + typeName + ", expected " + expectedEventType.typeName());
        }
        String version = headers.get(EventHeaders.SCHEMA_VERSION);
        if (type != null && version != null && !type.schemaVersion().equals(version)) {
            violations.add("header schemaVersion is " + version + ", expected " + type.schemaVersion());
        }
        String occurredAt = headers.get(EventHeaders.OCCURRED_AT);
        if (occurredAt != null && !isUtcInstant(occurredAt)) {
            violations.add("header occurredAt is not an ISO-8601 UTC instant: " + occurredAt);
        }
        return List.copyOf(violations);
    }

    /**
     * Violations of a whole Kafka record: the header envelope, the payload against the schema named by the
     * {@code eventType} header, the topic of that type, and key = {@code aggregateId} header = the payload's
     * aggregate id. Empty when the record is what consumers expect.
     */
    public static List<String> validateRecord(String topic, String key, Map<String, String> headers, String jsonPayload) {
        List<String> violations = new ArrayList<>(validateHeaders(headers));
        EventType type = EventType.find(headers.get(EventHeaders.EVENT_TYPE)).orElse(null);
        if (type == null) {
            return List.copyOf(violations);
        }
        if (!type.topic().equals(topic)) {
            violations.add(type.typeName() + " belongs on topic " + type.topic() + ", not " + topic);
        }
        String aggregateIdHeader = headers.get(EventHeaders.AGGREGATE_ID);
        if (aggregateIdHeader != null && !aggregateIdHeader.equals(key)) {
            violations.add("record key " + key + " differs from header aggregateId " + aggregateIdHeader);
        }
        List<String> payloadViolations = validate(type, jsonPayload);
        violations.addAll(payloadViolations);
        if (payloadViolations.isEmpty()) {
            String payloadId = aggregateId(type, jsonPayload);
            if (!payloadId.equals(key)) {
                violations.add("record key " + key + " differs from the payload's " + type.aggregateIdPointer() + " " + payloadId);
            }
        }
        return List.copyOf(violations);
    }

    /** Throws an {@link AssertionError} listing every violation unless the record is valid (see {@link #validateRecord}). */
    public static void assertValidRecord(String topic, String key, Map<String, String> headers, String jsonPayload) {
        List<String> violations = validateRecord(topic, key, headers, jsonPayload);
        if (!violations.isEmpty()) {
            throw new AssertionError("record on " + topic + " violates the event contract:\n  "
                    + String.join("\n  ", violations) + "\nheaders: " + headers + "\npayload: " + jsonPayload);
        }
    }

    /** The aggregate id in {@code jsonPayload} (the value the record key must carry); empty string when absent. */
    public static String aggregateId(EventType eventType, String jsonPayload) {
        return JSON.readTree(jsonPayload).at(eventType.aggregateIdPointer()).asString("");
    }

    /** The golden example payload of {@code eventType}, as published JSON text. */
    public static String goldenExample(String eventType) {
        return goldenExample(EventType.of(eventType));
    }

    /** The golden example payload of {@code eventType}, as published JSON text. */
    public static String goldenExample(EventType eventType) {
        return readResource(eventType.exampleResource());
    }

    /** The JSON Schema text of {@code eventType}. */
    public static String schemaText(EventType eventType) {
        return readResource(eventType.schemaResource());
    }

    /** The compiled schema of {@code eventType}, every {@code $ref} resolved; compiled once, then cached. */
    static Schema schema(EventType eventType) {
        return COMPILED.computeIfAbsent(eventType, type -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_BASE + "schemas/" + type.typeName() + ".schema.json"));
            // resolve every $ref now, so a broken reference fails at first use rather than on some payloads only
            schema.initializeValidators();
            return schema;
        });
    }

    /** The registry that resolves our {@code $id}s from the classpath; tests use it for meta-schema checks. */
    static SchemaRegistry registry() {
        return REGISTRY;
    }

    private static String schemaTextForId(String iri) {
        if (iri == null || !iri.startsWith(ID_BASE)) {
            return null;
        }
        String resource = RESOURCE_BASE + iri.substring(ID_BASE.length());
        return EventSchemas.class.getClassLoader().getResource(resource) == null ? null : readResource(resource);
    }

    private static String readResource(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isUtcInstant(String value) {
        try {
            Instant.parse(value);
            return value.endsWith("Z");
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
