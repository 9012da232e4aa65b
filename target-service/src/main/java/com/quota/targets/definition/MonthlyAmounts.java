package com.quota.targets.definition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Twelve fiscal-month amounts, M01 to M12, at one scale; quarters and the year are derived (a quarter is the sum of
 * its three months, the year the sum of its quarters), so they always add up.
 */
public record MonthlyAmounts(List<BigDecimal> months) {

    public static final int MONTHS = 12;

    public MonthlyAmounts {
        Objects.requireNonNull(months, "months");
        if (months.size() != MONTHS) {
            throw new IllegalArgumentException("12 months expected, got " + months.size());
        }
        months.forEach(m -> Objects.requireNonNull(m, "month amount"));
        months = List.copyOf(months);
    }

    public static MonthlyAmounts zero(int scale) {
        return new MonthlyAmounts(java.util.Collections.nCopies(MONTHS, BigDecimal.ZERO.setScale(scale)));
    }

    /** Fiscal month 1..12. */
    public BigDecimal month(int number) {
        return months.get(number - 1);
    }

    /** Fiscal quarter 1..4: the sum of its three months. */
    public BigDecimal quarter(int number) {
        int first = (number - 1) * 3;
        return months.get(first).add(months.get(first + 1)).add(months.get(first + 2));
    }

    public List<BigDecimal> quarters() {
        return List.of(quarter(1), quarter(2), quarter(3), quarter(4));
    }

    /** The year: the sum of its quarters. */
    public BigDecimal year() {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal q : quarters()) {
            sum = sum.add(q);
        }
        return sum;
    }

    public MonthlyAmounts plus(MonthlyAmounts other) {
        List<BigDecimal> sum = new ArrayList<>(MONTHS);
        for (int i = 0; i < MONTHS; i++) {
            sum.add(months.get(i).add(other.months.get(i)));
        }
        return new MonthlyAmounts(sum);
    }

    public MonthlyAmounts minus(MonthlyAmounts other) {
        return plus(other.negate());
    }

    public MonthlyAmounts negate() {
        return new MonthlyAmounts(months.stream().map(BigDecimal::negate).toList());
    }

    public boolean anyNegative() {
        return months.stream().anyMatch(m -> m.signum() < 0);
    }
}
