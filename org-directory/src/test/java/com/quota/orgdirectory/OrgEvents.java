package com.quota.orgdirectory;

import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Publishes org states to targets.org.v1 as target-service does: v1 payloads (checked against the schema), headers. */
final class OrgEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer;

    OrgEvents(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends one event and waits for the broker; returns its event id. */
    UUID send(String eventType, UUID key, String payload, UUID eventId, Instant occurredAt) {
        EventSchemas.assertValid(eventType, payload);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TARGETS_ORG, key.toString(),
                payload.getBytes(StandardCharsets.UTF_8));
        header(record, EventHeaders.EVENT_ID, eventId.toString());
        header(record, EventHeaders.EVENT_TYPE, eventType);
        header(record, EventHeaders.SCHEMA_VERSION, "1");
        header(record, EventHeaders.OCCURRED_AT, occurredAt.toString());
        header(record, EventHeaders.AGGREGATE_ID, key.toString());
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return eventId;
    }

    UUID unitChanged(OrgUnitState unit) {
        return send("OrgUnitChanged", unit.id(), unitPayload(unit, true), UUID.randomUUID(), unit.changedAt());
    }

    /** As v1 producers send it today: only the current manager, no manager history. */
    UUID unitChangedWithoutManagerHistory(OrgUnitState unit) {
        return send("OrgUnitChanged", unit.id(), unitPayload(unit, false), UUID.randomUUID(), unit.changedAt());
    }

    UUID repChanged(RepState rep) {
        return send("RepChanged", rep.id(), repPayload(rep), UUID.randomUUID(), rep.changedAt());
    }

    /** OrgUnitChanged v1 with today's manager, plus the additive managerHistory field the replica takes when present. */
    static String unitPayload(OrgUnitState unit, boolean withManagerHistory) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("unitId", unit.id());
        payload.put("code", unit.code());
        payload.put("name", unit.name());
        payload.put("type", unit.type());
        payload.put("parentId", unit.parentId());
        payload.put("managerId", unit.managers().isEmpty() ? null : unit.managers().get(unit.managers().size() - 1).repId());
        payload.put("status", unit.active() ? "ACTIVE" : "INACTIVE");
        payload.put("version", unit.version());
        payload.put("validFrom", unit.validFrom().toString());
        payload.put("validTo", date(unit.validTo()));
        payload.put("parentHistory", unit.parentPeriods().stream().map(p -> period("parentId", p.parentId(), p)).toList());
        if (withManagerHistory) {
            payload.put("managerHistory", unit.managers().stream().map(m -> period("repId", m.repId(), m)).toList());
        }
        return JSON.writeValueAsString(payload);
    }

    static String repPayload(RepState rep) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("repId", rep.id());
        payload.put("displayName", rep.displayName());
        payload.put("role", rep.role());
        payload.put("status", rep.active() ? "ACTIVE" : "INACTIVE");
        payload.put("version", rep.version());
        payload.put("currentUnitId", rep.memberships().stream().filter(m -> m.covers(LocalDate.now()))
                .map(MembershipPeriod::unitId).findFirst().orElse(null));
        payload.put("managedUnitIds", List.of());
        payload.put("memberships", rep.memberships().stream().map(m -> period("unitId", m.unitId(), m)).toList());
        payload.put("hireDate", date(rep.hireDate()));
        return JSON.writeValueAsString(payload);
    }

    private static Map<String, Object> period(String idField, UUID id, DatedPeriod period) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(idField, id);
        map.put("validFrom", period.validFrom().toString());
        map.put("validTo", date(period.validTo()));
        return map;
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        producer.close();
    }
}
