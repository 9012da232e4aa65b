package com.quota.performance.commission;

import com.quota.performance.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.Objects;

/** A half-open attainment band {@code [fromPercent, toPercent)} with its rate; {@code toPercent} null means open-ended. */
public record Tier(BigDecimal fromPercent, BigDecimal toPercent, BigDecimal ratePercent) {

    public Tier {
        Objects.requireNonNull(fromPercent, "fromPercent");
        Objects.requireNonNull(ratePercent, "ratePercent");
        RuleViolation.require(fromPercent.signum() >= 0 && fromPercent.stripTrailingZeros().scale() <= 2
                        && (toPercent == null || toPercent.stripTrailingZeros().scale() <= 2), "invalid-tier-bound",
                "tier bounds are attainment percentages ≥ 0 with at most 2 decimals");
        RuleViolation.require(ratePercent.signum() >= 0, "negative-rate", "a tier rate must not be negative");
        RuleViolation.require(toPercent == null || toPercent.compareTo(fromPercent) > 0, "empty-tier",
                "a tier's upper bound must be above its lower bound: [" + fromPercent.toPlainString() + ", "
                        + (toPercent == null ? "" : toPercent.toPlainString()) + ")");
    }

    public boolean isOpenEnded() {
        return toPercent == null;
    }
}
