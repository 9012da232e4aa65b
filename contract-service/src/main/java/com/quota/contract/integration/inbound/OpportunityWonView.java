package com.quota.contract.integration.inbound;

import java.util.List;

/** contract-service's own reading of {@code OpportunityWon} v1: what a draft contract inherits. */
public record OpportunityWonView(String opportunityId, String accountId, String accountName, String title, String pipelineId,
                                 List<Owner> owners, MoneyView amount, MoneyView reportingAmount, String fxRate,
                                 String closeDate, Dimensions dimensions, String externalRef) {

    /** An owner and split. */
    public record Owner(String repId, String splitPercent, boolean primary) {
    }

    /** Money as a decimal string. */
    public record MoneyView(String amount, String currency) {
    }

    /** The deal's dimensions. */
    public record Dimensions(String productLine, String region, String channel, String customerSegment) {
    }
}
