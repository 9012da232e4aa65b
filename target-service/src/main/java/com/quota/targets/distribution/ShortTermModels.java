package com.quota.targets.distribution;

import com.quota.targets.definition.RuleViolation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The short-term model targets that are saved as drafts for review (DOMAIN.md): {@code MOVING_AVERAGE(n, growth)} and
 * {@code SEASONAL}. Each answers one month's amount, rounded HALF_EVEN to the minor unit.
 */
public final class ShortTermModels {

    private ShortTermModels() {
    }

    /**
     * Mean of the last {@code n} months' actuals × (1 + growth).
     *
     * @param actualsOldestFirst monthly actuals up to the month before the one projected, oldest first
     * @param growth             a fraction, e.g. 0.05 for 5%
     */
    public static BigDecimal movingAverage(List<BigDecimal> actualsOldestFirst, int n, BigDecimal growth, int scale) {
        if (n < 1) {
            throw new RuleViolation("invalid-model", "MOVING_AVERAGE needs n of at least 1");
        }
        if (actualsOldestFirst.size() < n) {
            throw new RuleViolation("not-enough-history",
                    "MOVING_AVERAGE(" + n + ") needs " + n + " months of actuals, " + actualsOldestFirst.size() + " known");
        }
        BigDecimal sum = actualsOldestFirst.subList(actualsOldestFirst.size() - n, actualsOldestFirst.size()).stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // one division, rounded once: sum × (1 + g) / n
        return sum.multiply(BigDecimal.ONE.add(growth)).divide(BigDecimal.valueOf(n), scale, RoundingMode.HALF_EVEN);
    }

    /** Last year's same-month actual × (trailing-12-month actual ÷ the 12 months before that). */
    public static BigDecimal seasonal(BigDecimal sameMonthLastYear, BigDecimal trailingTwelveMonths,
                                      BigDecimal twelveMonthsBefore, int scale) {
        if (twelveMonthsBefore.signum() == 0) {
            throw new RuleViolation("not-enough-history", "SEASONAL needs actuals in the 12 months before the trailing 12");
        }
        return sameMonthLastYear.multiply(trailingTwelveMonths).divide(twelveMonthsBefore, scale, RoundingMode.HALF_EVEN);
    }
}
