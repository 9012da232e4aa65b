package com.quota.performance.integration.inbound;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * performance-service's own reading of the contract events the collection rate uses (ContractSigned, Amended,
 * Terminated, Completed, PaymentReceived): value, value in force, collected to date, each in the reporting currency.
 */
public record ContractChanged(UUID contractId, LocalDate signedDate, OpportunityChanged.Amount reportingValue,
                              OpportunityChanged.Amount reportingValueInForce,
                              OpportunityChanged.Amount reportingCollectedToDate, List<Owner> owners) {

    /** An owner with its split. */
    public record Owner(UUID repId, String splitPercent) {
    }
}
