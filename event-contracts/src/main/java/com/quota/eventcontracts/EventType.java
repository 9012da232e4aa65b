package com.quota.eventcontracts;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of v1 event types: each knows its wire name, its topic and its schema version. */
public enum EventType {

    OPPORTUNITY_CREATED("OpportunityCreated", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),
    OPPORTUNITY_STAGE_CHANGED("OpportunityStageChanged", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),
    OPPORTUNITY_WON("OpportunityWon", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),
    OPPORTUNITY_LOST("OpportunityLost", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),
    OPPORTUNITY_REOPENED("OpportunityReopened", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),
    OPPORTUNITY_TRANSFERRED("OpportunityTransferred", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),
    OPPORTUNITY_ACTIVITY_LOGGED("OpportunityActivityLogged", Topics.PIPELINE_OPPORTUNITY, "/opportunityId"),

    CONTRACT_SIGNED("ContractSigned", Topics.CONTRACTS_CONTRACT, "/contractId"),
    CONTRACT_AMENDED("ContractAmended", Topics.CONTRACTS_CONTRACT, "/contractId"),
    CONTRACT_TERMINATED("ContractTerminated", Topics.CONTRACTS_CONTRACT, "/contractId"),
    CONTRACT_COMPLETED("ContractCompleted", Topics.CONTRACTS_CONTRACT, "/contractId"),
    PAYMENT_RECEIVED("PaymentReceived", Topics.CONTRACTS_CONTRACT, "/contractId"),

    ORG_UNIT_CHANGED("OrgUnitChanged", Topics.TARGETS_ORG, "/unitId"),
    REP_CHANGED("RepChanged", Topics.TARGETS_ORG, "/repId"),

    TARGET_PUBLISHED("TargetPublished", Topics.TARGETS_TARGET, "/targetId"),

    ATTAINMENT_CHANGED("AttainmentChanged", Topics.TARGETS_ATTAINMENT, "/owner/id"),
    ATTAINMENT_BEHIND_PACE("AttainmentBehindPace", Topics.TARGETS_ATTAINMENT, "/owner/id"),
    ATTAINMENT_BACK_ON_PACE("AttainmentBackOnPace", Topics.TARGETS_ATTAINMENT, "/owner/id"),

    SCORECARD_FINALIZED("ScorecardFinalized", Topics.PERFORMANCE_SCORECARD, "/scorecardId"),

    COMMISSION_STATEMENT_ISSUED("CommissionStatementIssued", Topics.PERFORMANCE_COMMISSION, "/statementId");

    /** Schema version of every v1 event type (the {@code schemaVersion} header value). */
    public static final String SCHEMA_VERSION_1 = "1";

    private static final String RESOURCE_ROOT = "event-contracts/";

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final String typeName;
    private final String topic;
    private final String aggregateIdPointer;

    EventType(String typeName, String topic, String aggregateIdPointer) {
        this.typeName = typeName;
        this.topic = topic;
        this.aggregateIdPointer = aggregateIdPointer;
    }

    /** The wire name, as carried in the {@code eventType} header, e.g. {@code OpportunityWon}. */
    public String typeName() {
        return typeName;
    }

    /** The topic this event type is published to. */
    public String topic() {
        return topic;
    }

    /**
     * JSON Pointer to the payload field holding the aggregate id, e.g. {@code /opportunityId} or {@code /owner/id}:
     * the record key and the {@code aggregateId} header carry this value.
     */
    public String aggregateIdPointer() {
        return aggregateIdPointer;
    }

    /** The {@code schemaVersion} header value. */
    public String schemaVersion() {
        return SCHEMA_VERSION_1;
    }

    /** Classpath resource of the JSON Schema, e.g. {@code event-contracts/schemas/OpportunityWon.schema.json}. */
    public String schemaResource() {
        return RESOURCE_ROOT + "schemas/" + typeName + ".schema.json";
    }

    /** Classpath resource of the golden example payload, e.g. {@code event-contracts/examples/OpportunityWon.json}. */
    public String exampleResource() {
        return RESOURCE_ROOT + "examples/" + typeName + ".json";
    }

    /** The event type with this wire name, if there is one. */
    public static Optional<EventType> find(String typeName) {
        return Optional.ofNullable(typeName).map(BY_NAME::get);
    }

    /** The event type with this wire name; {@link IllegalArgumentException} when it is not a known type. */
    public static EventType of(String typeName) {
        return find(typeName).orElseThrow(() -> new IllegalArgumentException(
                "unknown event type '" + typeName + "'; known: " + BY_NAME.keySet().stream().sorted().toList()));
    }

    /** Every event type published to {@code topic}, in catalogue order. */
    public static List<EventType> onTopic(String topic) {
        return Arrays.stream(values()).filter(type -> type.topic.equals(topic)).toList();
    }

    @Override
    public String toString() {
        return typeName;
    }
}
