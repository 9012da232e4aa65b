package com.quota.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** Percentages as the domain reports them: HALF_EVEN to 2 decimals, and null (not 0) when the base is 0. */
public final class Percentages {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percentages() {
    }

    /**
     * part ÷ base × 100, rounded HALF_EVEN to 2 decimals from the exact quotient (attainment, pace, win rate,
     * conversion); {@code null} when the base is 0.
     */
    public static BigDecimal percent(BigDecimal part, BigDecimal base) {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(base, "base");
        if (base.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(base, 2, RoundingMode.HALF_EVEN);
    }

    /**
     * Growth of {@code current} over {@code previous} in percent, (current − previous) ÷ previous × 100 (YoY);
     * {@code null} when {@code previous} is 0. A negative previous figure divides by its own sign, as written.
     */
    public static BigDecimal growth(BigDecimal current, BigDecimal previous) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        return percent(current.subtract(previous), previous);
    }
}
