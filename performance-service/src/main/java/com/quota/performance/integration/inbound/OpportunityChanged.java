package com.quota.performance.integration.inbound;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * performance-service's own reading of every event of pipeline.opportunity.v1 (OpportunityCreated, StageChanged,
 * Transferred, Won, Lost, Reopened): the fields they share that the deal KPIs use. A reopened deal has no close date.
 */
public record OpportunityChanged(UUID opportunityId, String status, LocalDate closeDate, Amount reportingAmount,
                                 Boolean firstWinOfAccount, List<Owner> owners) {

    /** An owner with its split. */
    public record Owner(UUID repId, String splitPercent, Boolean primary) {
    }

    /** Money as a decimal string and its currency. */
    public record Amount(String amount, String currency) {
    }
}
