package com.quota.contract.integration.inbound;

/** contract-service's own reading of {@code OpportunityReopened} v1: which win was undone, when and why. */
public record OpportunityReopenedView(String opportunityId, String previousStatus, String reopenDate, String reason) {
}
