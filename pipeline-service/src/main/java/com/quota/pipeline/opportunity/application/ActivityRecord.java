package com.quota.pipeline.opportunity.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A follow-up activity on an opportunity, with its cost (null when none). */
public record ActivityRecord(UUID id, String kind, String subject, LocalDate occurredOn, BigDecimal costAmount,
                             String costCurrency, String actor, Instant createdAt) {
}
