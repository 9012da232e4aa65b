package com.quota.performance.commission;

import com.quota.performance.rules.RuleViolation;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A plan paying a rep from a date (to a date, inclusive; null: open). */
public record PlanAssignment(UUID id, UUID planId, UUID repId, LocalDate effectiveFrom, LocalDate effectiveTo) {

    public PlanAssignment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        RuleViolation.require(effectiveTo == null || !effectiveTo.isBefore(effectiveFrom), "invalid-effective-dates",
                "effectiveTo must not be before effectiveFrom");
    }
}
