package com.quota.targets.allocation;

import com.quota.money.LargestRemainder;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.RuleViolation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-down allocation of a parent's amount to its children (DOMAIN.md "Top-down allocation"): parts rounded to the
 * minor unit by largest remainder so they always sum exactly to the intended total.
 */
public final class TopDownAllocation {

    private TopDownAllocation() {
    }

    /** Allocates {@code amount} (at {@code scale} decimals, not negative) to the rule's children. */
    public static Allocation allocateTopDown(BigDecimal amount, int scale, AllocationRule rule) {
        if (amount.signum() < 0) {
            throw new RuleViolation("negative-amount", "the amount to allocate must not be negative");
        }
        return allocateTopDown(amount, scale, rule, new Weights(rule));
    }

    /** The rule's weights, worked out once per allocation rather than once per month (they are the same every month). */
    private record Weights(List<BigDecimal> base, List<BigDecimal> adjusted) {
        Weights(AllocationRule rule) {
            this(rule.baseWeights(), rule.adjustedWeights());
        }
    }

    private static Allocation allocateTopDown(BigDecimal amount, int scale, AllocationRule rule, Weights weights) {
        if (amount.signum() < 0) {
            throw new RuleViolation("negative-amount", "the amount to allocate must not be negative");
        }
        BigDecimal total = amount.setScale(scale, RoundingMode.UNNECESSARY);
        List<BigDecimal> adjusted = weights.adjusted();
        BigDecimal intended = switch (rule.mode()) {
            case NORMALIZED -> total;
            case ADDITIVE -> additiveIntendedTotal(total, weights.base(), adjusted, scale);
        };
        // both modes split by w_i × (1 + a_i): NORMALIZED over T, ADDITIVE over Σ T × w_i / Σw × (1 + a_i)
        List<BigDecimal> parts = LargestRemainder.allocate(intended, adjusted, scale);
        return new Allocation(total, parts, intended, intended.subtract(total));
    }

    /**
     * Months down the tree: every month of the parent is allocated by the same rule (largest remainder per month),
     * and each child's year is the sum of its months, so every level adds up in every month, quarter and year.
     */
    public static List<MonthlyAmounts> allocateMonthsTopDown(MonthlyAmounts parent, int scale, AllocationRule rule) {
        int children = rule.children().size();
        List<List<BigDecimal>> childMonths = new ArrayList<>(children);
        for (int c = 0; c < children; c++) {
            childMonths.add(new ArrayList<>(MonthlyAmounts.MONTHS));
        }
        Weights weights = new Weights(rule);
        for (int m = 1; m <= MonthlyAmounts.MONTHS; m++) {
            List<BigDecimal> parts = allocateTopDown(parent.month(m), scale, rule, weights).parts();
            for (int c = 0; c < children; c++) {
                childMonths.get(c).add(parts.get(c));
            }
        }
        return childMonths.stream().map(MonthlyAmounts::new).toList();
    }

    private static BigDecimal additiveIntendedTotal(BigDecimal total, List<BigDecimal> base, List<BigDecimal> adjusted,
                                                    int scale) {
        BigDecimal sumBase = base.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sumAdjusted = adjusted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        // Σ T × w_i / Σw × (1 + a_i) = T × Σw' / Σw, one exact division rounded once to the minor unit
        return total.multiply(sumAdjusted).divide(sumBase, scale, RoundingMode.HALF_EVEN);
    }
}
