package com.quota.performance;

import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the events performance-service consumes, as their producers do: payloads built from the golden examples of
 * event-contracts (checked against the schema), the envelope headers, the owner/aggregate id as key.
 */
public final class PerformanceEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;

    public PerformanceEvents(String bootstrapServers) {
        this.kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()));
    }

    /** The golden example of an event type as a mutable tree. */
    public static ObjectNode golden(String eventType) {
        try (InputStream in = PerformanceEvents.class.getClassLoader()
                .getResourceAsStream("event-contracts/examples/" + eventType + ".json")) {
            return (ObjectNode) JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a payload (validated against its schema) and waits for the broker. */
    public void send(String topic, String eventType, UUID eventId, String key, JsonNode payload) {
        send(topic, eventType, eventId, key, payload, Instant.now());
    }

    /** Sends a payload with the given {@code occurredAt} header (e.g. the day an opportunity was opened). */
    public void send(String topic, String eventType, UUID eventId, String key, JsonNode payload, Instant occurredAt) {
        String json = JSON.writeValueAsString(payload);
        EventSchemas.assertValid(eventType, json);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        header(record, EventHeaders.EVENT_ID, eventId.toString());
        header(record, EventHeaders.EVENT_TYPE, eventType);
        header(record, EventHeaders.SCHEMA_VERSION, "1");
        header(record, EventHeaders.OCCURRED_AT, occurredAt.toString());
        header(record, EventHeaders.AGGREGATE_ID, key);
        kafka.send(record).join();
    }

    /** A COMPANY root of its own (each test class builds its own tree). */
    private final UUID company = UUID.randomUUID();
    private boolean companySent;

    /** A team (unit) under this publisher's company root, with a manager and reps, all members since 2024. */
    public void team(UUID unitId, UUID managerId, List<UUID> repIds) {
        if (!companySent) {
            send(Topics.TARGETS_ORG, "OrgUnitChanged", UUID.randomUUID(), company.toString(),
                    JSON.valueToTree(unit(company, "COMPANY", null, null)));
            companySent = true;
        }
        send(Topics.TARGETS_ORG, "OrgUnitChanged", UUID.randomUUID(), unitId.toString(),
                JSON.valueToTree(unit(unitId, "TEAM", company, managerId)));
        rep(managerId, "MANAGER", unitId);
        repIds.forEach(rep -> rep(rep, "REP", unitId));
    }

    private static Map<String, Object> unit(UUID unitId, String type, UUID parentId, UUID managerId) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("unitId", unitId);
        unit.put("code", "T-" + unitId.toString().substring(0, 8));
        unit.put("name", type + " " + unitId.toString().substring(0, 8));
        unit.put("type", type);
        unit.put("parentId", parentId);
        unit.put("managerId", managerId);
        unit.put("status", "ACTIVE");
        unit.put("version", 1);
        unit.put("validFrom", "2024-01-01");
        unit.put("validTo", null);
        unit.put("parentHistory", parentId == null ? List.of() : List.of(period("parentId", parentId)));
        return unit;
    }

    /** A person of a role (REP, MANAGER, DIRECTOR) who is a member of a unit since 2024. */
    public void person(UUID repId, String role, UUID unitId) {
        rep(repId, role, unitId);
    }

    private void rep(UUID repId, String role, UUID unitId) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("repId", repId);
        rep.put("displayName", role + " " + repId.toString().substring(0, 8));
        rep.put("role", role);
        rep.put("status", "ACTIVE");
        rep.put("version", 1);
        rep.put("currentUnitId", unitId);
        rep.put("managedUnitIds", "MANAGER".equals(role) ? List.of(unitId) : List.of());
        rep.put("memberships", List.of(period("unitId", unitId)));
        rep.put("hireDate", "2024-01-01");
        send(Topics.TARGETS_ORG, "RepChanged", UUID.randomUUID(), repId.toString(), JSON.valueToTree(rep));
    }

    /**
     * The golden AttainmentChanged for a REP owner with another credit: the delta, the new year actual and the year
     * target (the quota); month and quarter figures follow the credit date.
     */
    public static ObjectNode attainmentChanged(UUID repId, String metric, String sourceEventType, UUID opportunityId,
                                               UUID contractId, LocalDate creditDate, String delta, String yearActual,
                                               String yearTarget) {
        ObjectNode event = golden("AttainmentChanged");
        ObjectNode owner = (ObjectNode) event.get("owner");
        owner.put("id", repId.toString());
        event.put("creditedRepId", repId.toString());
        event.put("metric", metric);
        event.put("sourceEventId", UUID.randomUUID().toString());
        event.put("sourceEventType", sourceEventType);
        putUuid(event, "opportunityId", opportunityId);
        putUuid(event, "contractId", contractId);
        event.put("creditDate", creditDate.toString());
        ((ObjectNode) event.get("delta")).put("amount", delta);
        int year = creditDate.getYear();
        int month = creditDate.getMonthValue();
        for (JsonNode node : event.get("periods")) {
            ObjectNode period = (ObjectNode) node;
            String type = period.get("periodType").asString();
            String key = switch (type) {
                case "MONTH" -> String.format("FY%d-M%02d", year, month);
                case "QUARTER" -> String.format("FY%d-Q%d", year, (month - 1) / 3 + 1);
                default -> "FY" + year;
            };
            period.put("periodKey", key);
            ((ObjectNode) period.get("actual")).put("amount", yearActual);
            ObjectNode targets = (ObjectNode) period.get("targets");
            ((ObjectNode) targets.get("TARGET")).put("amount", yearTarget);
            targets.remove("STRETCH");
            targets.remove("CHALLENGE");
        }
        return event;
    }

    /** The golden ContractTerminated for one owner's deal. */
    public static ObjectNode contractTerminated(UUID contractId, UUID opportunityId, UUID repId, LocalDate signed, LocalDate terminated) {
        ObjectNode event = golden("ContractTerminated");
        event.put("contractId", contractId.toString());
        event.put("opportunityId", opportunityId.toString());
        ObjectNode owner = (ObjectNode) event.get("owners").get(0);
        owner.put("repId", repId.toString());
        event.put("signedDate", signed.toString());
        event.put("terminationDate", terminated.toString());
        return event;
    }

    /** The golden example of an opportunity event for one deal, its owners as {@code repId → split %} (the first primary). */
    public static ObjectNode opportunity(String eventType, UUID opportunityId, Map<UUID, String> owners) {
        ObjectNode event = golden(eventType);
        event.put("opportunityId", opportunityId.toString());
        tools.jackson.databind.node.ArrayNode list = event.putArray("owners");
        boolean first = true;
        for (Map.Entry<UUID, String> owner : owners.entrySet()) {
            list.addObject().put("repId", owner.getKey().toString()).put("splitPercent", owner.getValue()).put("primary", first);
            first = false;
        }
        return event;
    }

    /** The golden OpportunityWon: closed on a day for a reporting amount in CNY, the account's first win or not. */
    public static ObjectNode opportunityWon(UUID opportunityId, Map<UUID, String> owners, LocalDate closeDate, String amount,
                                            boolean firstWinOfAccount) {
        ObjectNode event = opportunity("OpportunityWon", opportunityId, owners);
        event.put("closeDate", closeDate.toString());
        event.put("fxRateDate", closeDate.toString());
        event.put("firstWinOfAccount", firstWinOfAccount);
        event.set("amount", money(amount));
        event.set("reportingAmount", money(amount));
        event.put("fxRate", "1");
        return event;
    }

    /**
     * The golden OpportunityActivityLogged for one deal on a day, its owners as {@code repId → split %} (the first
     * primary), with a reporting cost in CNY, or without a cost when {@code reportingCost} is null.
     */
    public static ObjectNode activityLogged(UUID activityId, UUID opportunityId, Map<UUID, String> owners, LocalDate occurredOn,
                                            String reportingCost) {
        ObjectNode event = opportunity("OpportunityActivityLogged", opportunityId, owners);
        event.put("activityId", activityId.toString());
        event.put("occurredOn", occurredOn.toString());
        if (reportingCost == null) {
            event.putNull("cost");
            event.putNull("reportingCost");
            event.putNull("fxRate");
            event.putNull("fxRateDate");
        } else {
            event.set("cost", money(reportingCost));
            event.set("reportingCost", money(reportingCost));
            event.put("fxRate", "1");
            event.put("fxRateDate", occurredOn.toString());
        }
        return event;
    }

    /** The golden ContractSigned (or ContractAmended) of a value in CNY, its owners as {@code repId → split %}. */
    public static ObjectNode contract(String eventType, UUID contractId, Map<UUID, String> owners, LocalDate signed, String value) {
        ObjectNode event = golden(eventType);
        event.put("contractId", contractId.toString());
        tools.jackson.databind.node.ArrayNode list = event.putArray("owners");
        boolean first = true;
        for (Map.Entry<UUID, String> owner : owners.entrySet()) {
            list.addObject().put("repId", owner.getKey().toString()).put("splitPercent", owner.getValue()).put("primary", first);
            first = false;
        }
        if (event.has("signedDate") && signed != null) {
            event.put("signedDate", signed.toString());
        }
        if (value != null) {
            event.set("value", money(value));
            event.set("reportingValue", money(value));
            event.put("fxRate", "1");
        }
        return event;
    }

    /** The golden PaymentReceived of a contract with what is collected to date (CNY). */
    public static ObjectNode paymentReceived(UUID contractId, Map<UUID, String> owners, String amount, String collectedToDate) {
        ObjectNode event = contract("PaymentReceived", contractId, owners, null, null);
        event.set("amount", money(amount));
        event.set("reportingAmount", money(amount));
        event.set("collectedToDate", money(collectedToDate));
        event.set("reportingCollectedToDate", money(collectedToDate));
        event.put("fxRate", "1");
        return event;
    }

    private static ObjectNode money(String amount) {
        ObjectNode money = JSON.createObjectNode();
        money.put("amount", amount);
        money.put("currency", "CNY");
        return money;
    }

    /** A dated period open since 2024. */
    private static Map<String, Object> period(String idField, UUID id) {
        Map<String, Object> period = new LinkedHashMap<>();
        period.put(idField, id);
        period.put("validFrom", "2024-01-01");
        period.put("validTo", null);
        return period;
    }

    private static void putUuid(ObjectNode node, String field, UUID value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
