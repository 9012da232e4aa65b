package com.quota.targets.definition;

import java.util.List;

/**
 * One node of the bottom-up view (DOMAIN.md "Bottom-up"): the target assigned top-down, the sum of its children's
 * targets (bottom-up) and the gap = top-down − bottom-up, for every month (and so every quarter and the year).
 */
public record BottomUpFigures(MonthlyAmounts topDown, MonthlyAmounts bottomUp, MonthlyAmounts gap) {

    /** The figures of a node from its own target and its children's targets. */
    public static BottomUpFigures of(MonthlyAmounts topDown, List<MonthlyAmounts> childTargets, int scale) {
        MonthlyAmounts sum = MonthlyAmounts.zero(scale);
        for (MonthlyAmounts child : childTargets) {
            sum = sum.plus(child);
        }
        return new BottomUpFigures(topDown, sum, topDown.minus(sum));
    }
}
