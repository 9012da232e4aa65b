package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An owner's actuals for one metric and dimension over time: whole months from the stored counters, and day by day
 * (from the ledger) for the months a question cuts in the middle. A month may be known by day only from some day to
 * its end (e.g. the days after the as-of date, usually none): a sum up to an earlier day is then the month's counter
 * minus those days, so a read does not sum a busy month's whole ledger.
 */
public final class ActualsTimeline {

    private final Map<YearMonth, BigDecimal> months;
    private final Map<LocalDate, BigDecimal> days;
    private final Map<YearMonth, LocalDate> daysKnownFrom;

    /**
     * @param months           counter values per month (a missing month is 0)
     * @param days             ledger sums per credit date within {@code monthsKnownByDay} (a missing day is 0)
     * @param monthsKnownByDay the months whose days are all given; a range cutting another month is refused
     */
    public ActualsTimeline(Map<YearMonth, BigDecimal> months, Map<LocalDate, BigDecimal> days,
                           Set<YearMonth> monthsKnownByDay) {
        this(months, days, monthsKnownByDay.stream().collect(Collectors.toMap(Function.identity(), m -> m.atDay(1))));
    }

    /**
     * @param months        counter values per month (a missing month is 0; a month in {@code daysKnownFrom} must be there
     *                      unless its days are known from its first day)
     * @param days          ledger sums per credit date, from each month's known-from day to its end (a missing day is 0)
     * @param daysKnownFrom per month cut in the middle, the first day whose sum is given (the day after the month's end
     *                      when no day is: the counter alone answers up to the month's last day)
     */
    public static ActualsTimeline withDaysFrom(Map<YearMonth, BigDecimal> months, Map<LocalDate, BigDecimal> days,
                                               Map<YearMonth, LocalDate> daysKnownFrom) {
        return new ActualsTimeline(months, days, daysKnownFrom);
    }

    private ActualsTimeline(Map<YearMonth, BigDecimal> months, Map<LocalDate, BigDecimal> days,
                            Map<YearMonth, LocalDate> daysKnownFrom) {
        this.months = Map.copyOf(months);
        this.days = Map.copyOf(days);
        this.daysKnownFrom = Map.copyOf(daysKnownFrom);
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
                sum = sum.add(counter(month));
            } else {
                BigDecimal before = from.equals(month.atDay(1)) ? BigDecimal.ZERO : toDay(month, from.minusDays(1));
                sum = sum.add(toDay(month, to)).subtract(before);
            }
        }
        return sum;
    }

    /** Σ of the month's credits from its first day to {@code day}. */
    private BigDecimal toDay(YearMonth month, LocalDate day) {
        LocalDate knownFrom = daysKnownFrom.get(month);
        if (knownFrom == null || day.isBefore(knownFrom.minusDays(1))) {
            throw new IllegalStateException("the days of " + month + " up to " + day + " are not loaded");
        }
        if (knownFrom.equals(month.atDay(1))) {
            return sumOfDays(knownFrom, day);
        }
        return counter(month).subtract(sumOfDays(day.plusDays(1), month.atEndOfMonth()));
    }

    private BigDecimal sumOfDays(LocalDate first, LocalDate last) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            sum = sum.add(days.getOrDefault(d, BigDecimal.ZERO));
        }
        return sum;
    }

    private BigDecimal counter(YearMonth month) {
        return months.getOrDefault(month, BigDecimal.ZERO);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
