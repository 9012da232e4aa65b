package com.quota.performance.commission;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** A terminated contract (ContractTerminated) as commission sees it: which deal, signed when, terminated when. */
public record ContractTermination(UUID eventId, UUID contractId, UUID opportunityId, LocalDate signedDate,
                                  LocalDate terminationDate) {

    public ContractTermination {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(terminationDate, "terminationDate");
    }

    /** Whether it falls within a clawback window of {@code days} after signing (a contract never signed: always). */
    public boolean isWithinDaysOfSigning(int days) {
        return signedDate == null || ChronoUnit.DAYS.between(signedDate, terminationDate) <= days;
    }
}
