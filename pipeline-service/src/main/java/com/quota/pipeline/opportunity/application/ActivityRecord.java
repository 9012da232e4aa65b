package com.quota.pipeline.opportunity.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A follow-up activity on an opportunity, with its cost (null when none) and that cost in the reporting currency at
 * the rate fixed when it was logged (null when no cost).
 */
public record ActivityRecord(UUID id, String kind, String subject, LocalDate occurredOn, BigDecimal costAmount,
                             String costCurrency, BigDecimal reportingCostAmount, String reportingCurrency, BigDecimal fxRate,
                             LocalDate fxRateDate, String actor, Instant createdAt) {
}
