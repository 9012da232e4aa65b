package com.quota.targets.allocation;

import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.RuleViolation;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Allocation by dimension: one target split over the values of a dimension by percentages (e.g. 60/30/10 over three
 * product lines). The percentages must add up to exactly 100; every month is split by largest remainder, so the parts
 * sum exactly to the parent in every month, quarter and year.
 */
public final class DimensionSplit {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** One value of the dimension and its share in percent. */
    public record Share(String value, BigDecimal percent) {
    }

    private DimensionSplit() {
    }

    /** Splits the parent's months over the shares, in share order. */
    public static List<MonthlyAmounts> splitByDimension(MonthlyAmounts parent, int scale, List<Share> shares) {
        requireValid(shares);
        AllocationRule rule = AllocationRule.of(AllocationMethod.RATIO, AdjustmentMode.NORMALIZED,
                shares.stream().map(s -> new AllocationChild(s.percent(), null, null)).toList());
        return TopDownAllocation.allocateMonthsTopDown(parent, scale, rule);
    }

    /** Rejects what cannot be split: no shares, a blank or repeated value, a negative share, a sum other than 100%. */
    public static void requireValid(List<Share> shares) {
        if (shares == null || shares.isEmpty()) {
            throw new RuleViolation("no-splits", "a split by dimension needs at least one value");
        }
        Set<String> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Share share : shares) {
            if (share.value() == null || share.value().isBlank()) {
                throw new RuleViolation("blank-dimension-value", "every split needs a dimension value");
            }
            if (!seen.add(share.value())) {
                throw new RuleViolation("duplicate-dimension-value", "the value " + share.value() + " is given twice");
            }
            Objects.requireNonNull(share.percent(), "percent");
            if (share.percent().signum() < 0) {
                throw new RuleViolation("negative-weight", "the share of " + share.value() + " is negative");
            }
            sum = sum.add(share.percent());
        }
        if (sum.compareTo(HUNDRED) > 0) {
            throw new RuleViolation("splits-over-100-percent", "the splits add up to " + sum.toPlainString() + "%, over 100%");
        }
        if (sum.compareTo(HUNDRED) < 0) {
            throw new RuleViolation("splits-under-100-percent", "the splits add up to " + sum.toPlainString()
                    + "%, not 100%: the whole target must be split");
        }
    }
}
