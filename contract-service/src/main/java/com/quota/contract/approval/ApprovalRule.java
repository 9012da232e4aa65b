package com.quota.contract.approval;

import com.quota.contract.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One band of the approval policy: contracts whose reporting value lies in {@code (above, upTo]} ({@code upTo}
 * null = no upper bound) need the approval steps in order, e.g. (100000, 1000000] → [DIRECTOR].
 */
public record ApprovalRule(UUID id, BigDecimal above, BigDecimal upTo, List<ApproverRole> steps, long version) {

    public ApprovalRule {
        if (above == null || above.signum() < 0) {
            throw RuleViolation.badRequest("invalid-approval-rule", "above must be a non-negative amount");
        }
        if (upTo != null && upTo.compareTo(above) <= 0) {
            throw RuleViolation.badRequest("invalid-approval-rule", "upTo must be greater than above");
        }
        if (steps == null || steps.isEmpty()) {
            throw RuleViolation.badRequest("invalid-approval-rule", "an approval rule needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** True when {@code reportingValue} falls in this rule's band. */
    public boolean covers(BigDecimal reportingValue) {
        return reportingValue.compareTo(above) > 0 && (upTo == null || reportingValue.compareTo(upTo) <= 0)
                // a zero-value contract belongs to the band that starts at zero
                || reportingValue.signum() == 0 && above.signum() == 0;
    }

    /** True when the two bands share any value. */
    public boolean overlaps(ApprovalRule other) {
        boolean thisStartsBelowOtherEnd = other.upTo == null || above.compareTo(other.upTo) < 0;
        boolean otherStartsBelowThisEnd = upTo == null || other.above.compareTo(upTo) < 0;
        return thisStartsBelowOtherEnd && otherStartsBelowThisEnd;
    }

    /** The band as text, e.g. {@code (100000, 1000000]}. */
    public String band() {
        return "(" + above.toPlainString() + ", " + (upTo == null ? "∞)" : upTo.toPlainString() + "]");
    }
}
