package com.quota.targets.attainment;

/** The events that move attainment, by their wire name ({@code eventType} header). */
public enum SourceEventType {
    OPPORTUNITY_WON("OpportunityWon"),
    OPPORTUNITY_REOPENED("OpportunityReopened"),
    CONTRACT_SIGNED("ContractSigned"),
    CONTRACT_AMENDED("ContractAmended"),
    CONTRACT_TERMINATED("ContractTerminated"),
    PAYMENT_RECEIVED("PaymentReceived");

    private final String wireName;

    SourceEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SourceEventType ofWireName(String name) {
        for (SourceEventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not an attainment source event type: " + name);
    }
}
