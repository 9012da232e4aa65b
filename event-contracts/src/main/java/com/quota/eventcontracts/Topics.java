package com.quota.eventcontracts;

import java.util.List;

/** Kafka topic names of every event stream, one per context and aggregate ({@code <context>.<aggregate>.v1}). */
public final class Topics {

    /** Opportunity lifecycle, keyed by opportunity id; produced by pipeline-service. */
    public static final String PIPELINE_OPPORTUNITY = "pipeline.opportunity.v1";
    /** Contract lifecycle and payments, keyed by contract id; produced by contract-service. */
    public static final String CONTRACTS_CONTRACT = "contracts.contract.v1";
    /** Org units and reps as full current state, keyed by unit / rep id; compacted; produced by target-service. */
    public static final String TARGETS_ORG = "targets.org.v1";
    /** Published target versions, keyed by target id; produced by target-service. */
    public static final String TARGETS_TARGET = "targets.target.v1";
    /** Attainment changes and pace alerts, keyed by owner (unit or rep) id; produced by target-service. */
    public static final String TARGETS_ATTAINMENT = "targets.attainment.v1";
    /** Finalized KPI scorecards, keyed by scorecard id; produced by performance-service. */
    public static final String PERFORMANCE_SCORECARD = "performance.scorecard.v1";
    /** Issued commission statements, keyed by statement id; produced by performance-service. */
    public static final String PERFORMANCE_COMMISSION = "performance.commission.v1";

    /** Every topic, in the order of the event catalogue. */
    public static final List<String> ALL = List.of(
            PIPELINE_OPPORTUNITY, CONTRACTS_CONTRACT, TARGETS_ORG, TARGETS_TARGET,
            TARGETS_ATTAINMENT, PERFORMANCE_SCORECARD, PERFORMANCE_COMMISSION);

    /** Topics whose cleanup policy is {@code compact} (the latest record per key is the current state). */
    public static final List<String> COMPACTED = List.of(TARGETS_ORG);

    /** Suffix of a topic's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** Partitions per topic (and per dead-letter topic) in local and test brokers. */
    public static final int LOCAL_PARTITIONS = 6;

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: {@code <topic>-dlt}, same partition count as its topic. */
    public static String deadLetterOf(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Whether {@code topic} is compacted (only the org topic); all others keep every event forever. */
    public static boolean isCompacted(String topic) {
        return COMPACTED.contains(topic);
    }
}
