package com.quota.contract.execution;

import com.quota.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Money received against a contract (回款).
 *
 * @param externalRef the receipt's id in the ERP; a second recording with the same ref is the same payment
 * @param milestoneId the milestone it pays for, if any
 */
public record Payment(UUID id, Money amount, LocalDate receivedDate, String externalRef, UUID milestoneId,
                      String recordedBy, UUID recordedByRepId, Instant recordedAt) {
}
