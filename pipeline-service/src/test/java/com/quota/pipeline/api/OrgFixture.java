package com.quota.pipeline.api;

import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Publishes org units and reps to targets.org.v1 as target-service does (the golden examples with our ids, checked
 * against the schemas) and waits until the service's org replica has them.
 */
public final class OrgFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaProducer<String, String> producer;

    private final DatabaseClient db;

    public OrgFixture(String bootstrapServers, DatabaseClient db) {
        this.db = db;
        synchronized (OrgFixture.class) {
            if (producer == null) {
                producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
            }
        }
    }

    /** A root unit managed by {@code managerRepId} (null for none); waits until it is known here. */
    public UUID unit(UUID managerRepId) {
        return unit(null, managerRepId);
    }

    /** A unit under {@code parentId} (a REGION or TEAM; a COMPANY root when null); waits until it is known here. */
    public UUID unit(UUID parentId, UUID managerRepId) {
        UUID id = UUID.randomUUID();
        ObjectNode unit = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("OrgUnitChanged"));
        unit.put("unitId", id.toString());
        unit.put("code", "U-" + id.toString().substring(0, 8));
        unit.put("name", "Team " + id.toString().substring(0, 8));
        if (parentId == null) {
            unit.putNull("parentId");
            unit.put("type", "COMPANY"); // only the company root has no parent
            unit.putArray("parentHistory");
        } else {
            unit.put("parentId", parentId.toString());
            unit.put("type", "TEAM");
            unit.putArray("parentHistory").addObject().put("parentId", parentId.toString()).put("validFrom", "2020-01-01")
                    .putNull("validTo");
        }
        unit.put("validFrom", "2020-01-01");
        unit.remove("managerHistory"); // the example's managers are not this unit's: the replica takes managerId instead
        if (managerRepId == null) {
            unit.putNull("managerId");
        } else {
            unit.put("managerId", managerRepId.toString());
        }
        send("OrgUnitChanged", id, unit.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> exists("org_unit", id));
        return id;
    }

    /** A rep (role REP or MANAGER) who has been a member of {@code unitId} since 2020; waits until known here. */
    public UUID rep(UUID unitId, String role, List<UUID> managedUnits) {
        return rep(UUID.randomUUID(), unitId, role, managedUnits);
    }

    public UUID rep(UUID id, UUID unitId, String role, List<UUID> managedUnits) {
        ObjectNode rep = (ObjectNode) JSON.readTree(EventSchemas.goldenExample("RepChanged"));
        rep.put("repId", id.toString());
        rep.put("displayName", "Rep " + id.toString().substring(0, 8));
        rep.put("email", "rep-" + id.toString().substring(0, 8) + "@example.com");
        rep.put("role", role);
        rep.put("currentUnitId", unitId.toString());
        ArrayNode managed = rep.putArray("managedUnitIds");
        managedUnits.forEach(u -> managed.add(u.toString()));
        ArrayNode memberships = rep.putArray("memberships");
        memberships.addObject().put("unitId", unitId.toString()).put("validFrom", "2020-01-01").putNull("validTo");
        rep.put("hireDate", "2020-01-01");
        rep.put("externalRef", "HR-" + id.toString().substring(0, 8));
        send("RepChanged", id, rep.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> exists("org_rep", id));
        return id;
    }

    /** A rep in a unit of their own. */
    public UUID rep() {
        return rep(unit(null), "REP", List.of());
    }

    private boolean exists(String table, UUID id) {
        return Boolean.TRUE.equals(db.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = :id) AS e").bind("id", id)
                .map(r -> r.get("e", Boolean.class)).one().block());
    }

    private static void send(String type, UUID key, String payload) {
        EventSchemas.assertValid(type, payload);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TARGETS_ORG, key.toString(), payload);
        header(record, EventHeaders.EVENT_ID, UUID.randomUUID().toString());
        header(record, EventHeaders.EVENT_TYPE, type);
        header(record, EventHeaders.SCHEMA_VERSION, "1");
        header(record, EventHeaders.OCCURRED_AT, Instant.now().toString());
        header(record, EventHeaders.AGGREGATE_ID, key.toString());
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
