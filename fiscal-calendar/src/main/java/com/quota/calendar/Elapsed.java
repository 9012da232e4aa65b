package com.quota.calendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** How much of a period has passed as of a date, for pace lines and run-rate projections. */
public final class Elapsed {

    /** Decimals of {@link #elapsedFraction}. */
    public static final int FRACTION_SCALE = 10;

    private Elapsed() {
    }

    /**
     * The days of {@code range} up to and including {@code asOf}: 0 before the range, all of them from its last day
     * on. The as-of date counts, so on the 15th of a 30-day month 15 days have elapsed.
     */
    public static long elapsedDays(DateRange range, LocalDate asOf) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(asOf, "asOf");
        if (asOf.isBefore(range.first())) {
            return 0;
        }
        if (!asOf.isBefore(range.last())) {
            return range.days();
        }
        return ChronoUnit.DAYS.between(range.first(), asOf) + 1;
    }

    /**
     * {@link #elapsedDays} ÷ the days of the range, in [0, 1], HALF_EVEN at scale 10. For a projection that must be
     * exact (actual ÷ fraction), divide by the days instead: actual × days ÷ elapsed days.
     */
    public static BigDecimal elapsedFraction(DateRange range, LocalDate asOf) {
        long elapsed = elapsedDays(range, asOf);
        return BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(range.days()), FRACTION_SCALE, RoundingMode.HALF_EVEN);
    }
}
