package com.quota.targets.distribution;

import com.quota.money.LargestRemainder;
import com.quota.money.LargestRemainder.TieBreak;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.RuleViolation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;

/**
 * Distribution of an annual amount over its twelve months (DOMAIN.md "Distribution over periods"): largest remainder,
 * ties to the earlier month, so the months always sum exactly to the year.
 */
public final class MonthlyDistribution {

    private MonthlyDistribution() {
    }

    /** {@code EVEN}: the same weight for every month. */
    public static MonthlyAmounts distributeEvenly(BigDecimal annual, int scale) {
        return distributeOverMonths(annual, scale, Collections.nCopies(MonthlyAmounts.MONTHS, BigDecimal.ONE));
    }

    /**
     * {@code PROFILE} (12 profile weights) or {@code HISTORY} (last year's 12 monthly actuals as weights): each month
     * gets annual × w_m / Σw, rounded by largest remainder with ties to the earlier month.
     */
    public static MonthlyAmounts distributeOverMonths(BigDecimal annual, int scale, List<BigDecimal> monthWeights) {
        if (monthWeights.size() != MonthlyAmounts.MONTHS) {
            throw new RuleViolation("invalid-profile", "12 month weights expected, got " + monthWeights.size());
        }
        if (annual.signum() < 0) {
            throw new RuleViolation("negative-amount", "the annual amount must not be negative");
        }
        if (monthWeights.stream().anyMatch(w -> w.signum() < 0)) {
            throw new RuleViolation("negative-weight", "a month weight is negative");
        }
        if (monthWeights.stream().allMatch(w -> w.signum() == 0)) {
            throw new RuleViolation("weights-all-zero", "all month weights are zero: nothing to distribute by");
        }
        BigDecimal total = annual.setScale(scale, RoundingMode.UNNECESSARY);
        return new MonthlyAmounts(LargestRemainder.allocate(total, monthWeights, scale, TieBreak.EARLIER));
    }
}
