package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An owner's actuals for one metric and dimension over time: whole months from the stored counters, and day by day
 * (from the ledger) for the months a question cuts in the middle.
 */
public final class ActualsTimeline {

    private final Map<YearMonth, BigDecimal> months;
    private final Map<LocalDate, BigDecimal> days;
    private final Set<YearMonth> monthsKnownByDay;

    /**
     * @param months           counter values per month (a missing month is 0)
     * @param days             ledger sums per credit date within {@code monthsKnownByDay} (a missing day is 0)
     * @param monthsKnownByDay the months whose days are given; a range cutting another month is refused
     */
    public ActualsTimeline(Map<YearMonth, BigDecimal> months, Map<LocalDate, BigDecimal> days,
                           Set<YearMonth> monthsKnownByDay) {
        this.months = Map.copyOf(months);
        this.days = Map.copyOf(days);
        this.monthsKnownByDay = Set.copyOf(monthsKnownByDay);
    }

    /** Σ of the credits dated from {@code first} to {@code last}, both included (0 when last is before first). */
    public BigDecimal between(LocalDate first, LocalDate last) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        BigDecimal sum = BigDecimal.ZERO;
        for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(last)); month = month.plusMonths(1)) {
            LocalDate from = max(first, month.atDay(1));
            LocalDate to = min(last, month.atEndOfMonth());
            if (to.isBefore(from)) {
                continue;
            }
            if (from.equals(month.atDay(1)) && to.equals(month.atEndOfMonth())) {
                sum = sum.add(months.getOrDefault(month, BigDecimal.ZERO));
            } else {
                if (!monthsKnownByDay.contains(month)) {
                    throw new IllegalStateException("the days of " + month + " are not loaded");
                }
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    sum = sum.add(days.getOrDefault(d, BigDecimal.ZERO));
                }
            }
        }
        return sum;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
