package com.quota.performance.integration.inbound;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** performance-service's own reading of ContractTerminated (contracts.contract.v1): which deal, whose, when. */
public record ContractTerminated(UUID contractId, UUID opportunityId, List<Owner> owners, LocalDate terminationDate,
                                 LocalDate signedDate) {

    /** An owner of the contract (the split is attainment's business; a clawback reverses what the rep's lines paid). */
    public record Owner(UUID repId) {
    }
}
