package com.quota.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A company's fiscal calendar: years starting on the first day of {@code startMonth}, each named by the calendar
 * year in which it ends (start April: FY2027 = 2026-04-01..2027-03-31; start January: FY2027 = calendar 2027).
 * <p>
 * Quarters are fiscal months 1–3, 4–6, 7–9 and 10–12. Weeks run Monday to Sunday; week 1 is the week that
 * contains the fiscal year's first day, and the first and last weeks are cut at the year's edges, so every date
 * is in exactly one week of exactly one fiscal year and a year has 53 or 54 weeks.
 */
public record FiscalCalendar(Month startMonth) {

    public FiscalCalendar {
        Objects.requireNonNull(startMonth, "startMonth");
    }

    /** The fiscal year a date falls in. */
    public int fiscalYearOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        // a year that starts in a later month than January ends in the next calendar year
        return startMonth == Month.JANUARY || date.getMonthValue() < startMonth.getValue()
                ? date.getYear()
                : date.getYear() + 1;
    }

    /** The first day of a fiscal year. */
    public LocalDate firstDayOf(int fiscalYear) {
        return LocalDate.of(startMonth == Month.JANUARY ? fiscalYear : fiscalYear - 1, startMonth, 1);
    }

    /** The dates of a fiscal year. */
    public DateRange yearRange(int fiscalYear) {
        LocalDate first = firstDayOf(fiscalYear);
        return new DateRange(first, first.plusYears(1).minusDays(1));
    }

    /**
     * The dates a period covers.
     *
     * @throws IllegalArgumentException for a week number past the last week of that fiscal year
     */
    public DateRange range(PeriodKey key) {
        Objects.requireNonNull(key, "key");
        LocalDate first = firstDayOf(key.fiscalYear());
        return switch (key.type()) {
            case YEAR -> yearRange(key.fiscalYear());
            case QUARTER -> monthsFrom(first, 3 * (key.number() - 1), 3);
            case MONTH -> monthsFrom(first, key.number() - 1, 1);
            case WEEK -> weekRange(key);
        };
    }

    /** The year, quarter, month and week keys of a date, in that order. */
    public List<PeriodKey> periodsContaining(LocalDate date) {
        return List.of(yearOf(date), quarterOf(date), monthOf(date), weekOf(date));
    }

    public PeriodKey yearOf(LocalDate date) {
        return PeriodKey.year(fiscalYearOf(date));
    }

    public PeriodKey quarterOf(LocalDate date) {
        return quarterOf(monthOf(date));
    }

    public PeriodKey monthOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int fiscalMonth = Math.floorMod(date.getMonthValue() - startMonth.getValue(), 12) + 1;
        return PeriodKey.month(fiscalYearOf(date), fiscalMonth);
    }

    public PeriodKey weekOf(LocalDate date) {
        int fiscalYear = fiscalYearOf(date);
        return PeriodKey.week(fiscalYear, weekNumber(fiscalYear, date));
    }

    /** The fiscal month of a calendar month (start April: 2026-04 → FY2027-M01). */
    public PeriodKey monthOf(YearMonth month) {
        return monthOf(month.atDay(1));
    }

    /** The calendar month of a fiscal month (start April: FY2027-M12 → 2027-03). */
    public YearMonth yearMonthOf(PeriodKey month) {
        requireType(month, PeriodType.MONTH, "yearMonthOf");
        return YearMonth.from(range(month).first());
    }

    /** The 12 month keys of a fiscal year, in order. */
    public List<PeriodKey> months(int fiscalYear) {
        return IntStream.rangeClosed(1, 12).mapToObj(m -> PeriodKey.month(fiscalYear, m)).toList();
    }

    /** The 4 quarter keys of a fiscal year, in order. */
    public List<PeriodKey> quarters(int fiscalYear) {
        return IntStream.rangeClosed(1, 4).mapToObj(q -> PeriodKey.quarter(fiscalYear, q)).toList();
    }

    /** The week keys of a fiscal year, in order (53 or 54). */
    public List<PeriodKey> weeks(int fiscalYear) {
        return IntStream.rangeClosed(1, weeksIn(fiscalYear)).mapToObj(w -> PeriodKey.week(fiscalYear, w)).toList();
    }

    /** How many weeks a fiscal year has: 53, or 54 when a leap year's partial first and last weeks allow it. */
    public int weeksIn(int fiscalYear) {
        return weekNumber(fiscalYear, yearRange(fiscalYear).last());
    }

    /** The quarter a fiscal month belongs to (FY2027-M05 → FY2027-Q2). */
    public PeriodKey quarterOf(PeriodKey month) {
        requireType(month, PeriodType.MONTH, "quarterOf");
        return PeriodKey.quarter(month.fiscalYear(), (month.number() - 1) / 3 + 1);
    }

    /**
     * The month keys of a quarter (3) or a year (12), in order; a month gives itself.
     *
     * @throws IllegalArgumentException for a week, which can straddle two months
     */
    public List<PeriodKey> monthsOf(PeriodKey quarterOrYear) {
        Objects.requireNonNull(quarterOrYear, "quarterOrYear");
        int fy = quarterOrYear.fiscalYear();
        return switch (quarterOrYear.type()) {
            case YEAR -> months(fy);
            case QUARTER -> IntStream.rangeClosed(1, 3)
                    .mapToObj(i -> PeriodKey.month(fy, 3 * (quarterOrYear.number() - 1) + i)).toList();
            case MONTH -> List.of(quarterOrYear);
            case WEEK -> throw new IllegalArgumentException("a week has no months: " + quarterOrYear);
        };
    }

    /**
     * The same period one fiscal year earlier (FY2027-Q3 → FY2026-Q3, FY2027-W10 → FY2026-W10). Week 54 of a year
     * whose previous year has 53 weeks maps to week 53.
     */
    public PeriodKey samePeriodLastYear(PeriodKey key) {
        Objects.requireNonNull(key, "key");
        int previous = key.fiscalYear() - 1;
        if (key.type() == PeriodType.WEEK) {
            return PeriodKey.week(previous, Math.min(key.number(), weeksIn(previous)));
        }
        return new PeriodKey(previous, key.type(), key.number());
    }

    private DateRange monthsFrom(LocalDate yearStart, int offsetMonths, int months) {
        LocalDate first = yearStart.plusMonths(offsetMonths);
        return new DateRange(first, first.plusMonths(months).minusDays(1));
    }

    private DateRange weekRange(PeriodKey week) {
        int weeks = weeksIn(week.fiscalYear());
        if (week.number() > weeks) {
            throw new IllegalArgumentException(week + " does not exist: FY" + week.fiscalYear() + " has " + weeks + " weeks");
        }
        DateRange year = yearRange(week.fiscalYear());
        LocalDate monday = firstMonday(week.fiscalYear()).plusWeeks(week.number() - 1L);
        LocalDate first = monday.isBefore(year.first()) ? year.first() : monday;
        LocalDate sunday = monday.plusDays(6);
        LocalDate last = sunday.isAfter(year.last()) ? year.last() : sunday;
        return new DateRange(first, last);
    }

    /** The Monday of week 1: the Monday on or before the fiscal year's first day. */
    private LocalDate firstMonday(int fiscalYear) {
        return firstDayOf(fiscalYear).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private int weekNumber(int fiscalYear, LocalDate date) {
        return (int) (ChronoUnit.DAYS.between(firstMonday(fiscalYear), date) / 7) + 1;
    }

    private static void requireType(PeriodKey key, PeriodType type, String operation) {
        Objects.requireNonNull(key, "key");
        if (key.type() != type) {
            throw new IllegalArgumentException(operation + " takes a " + type.name().toLowerCase() + " key, not " + key);
        }
    }
}
