package com.quota.performance.commission;

import com.quota.performance.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.Objects;

/** An anchor of an INTERPOLATED plan: at {@code attainmentPercent} the rate is {@code ratePercent}. */
public record RateAnchor(BigDecimal attainmentPercent, BigDecimal ratePercent) {

    public RateAnchor {
        Objects.requireNonNull(attainmentPercent, "attainmentPercent");
        Objects.requireNonNull(ratePercent, "ratePercent");
        RuleViolation.require(attainmentPercent.signum() >= 0, "negative-anchor", "an anchor's attainment must not be negative");
        RuleViolation.require(attainmentPercent.stripTrailingZeros().scale() <= 2, "invalid-tier-bound",
                "an anchor's attainment is a percentage with at most 2 decimals");
        RuleViolation.require(ratePercent.signum() >= 0, "negative-rate", "an anchor's rate must not be negative");
    }
}
