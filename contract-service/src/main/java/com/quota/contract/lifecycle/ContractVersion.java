package com.quota.contract.lifecycle;

import com.quota.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a contract's commercial content: version 1 as drafted (or as last revised before signing),
 * n+1 for each amendment. Every version is kept.
 *
 * @param reason        why this version exists (null for version 1)
 * @param effectiveDate the date an amendment takes effect (null for version 1)
 */
public record ContractVersion(int version, Money value, String terms, LocalDate startDate, LocalDate endDate,
                              String reason, LocalDate effectiveDate, String createdBy, Instant createdAt) {
}
