package com.quota.targets.attainment;

import com.quota.calendar.DateRange;
import com.quota.calendar.Elapsed;
import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import com.quota.calendar.PeriodType;
import com.quota.money.Percentages;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of "where do we stand" (DOMAIN.md "Attainment"): actual, target per level, attainment %, gap,
 * MTD/QTD/YTD, YoY growth, pace line and pace %, run-rate projection, for a month, quarter or year as of a date.
 */
public final class AttainmentFigures {

    private AttainmentFigures() {
    }

    /**
     * @param monthlyTargets per level that is set: the target amount of each fiscal month of {@code period}'s year
     *                       (a month without an amount counts 0)
     * @param scale          decimals of the figures: the currency's minor unit, 0 for counts
     */
    public static PeriodFigures of(FiscalCalendar calendar, PeriodKey period, LocalDate asOf, ActualsTimeline actuals,
                                   Map<TargetLevel, Map<PeriodKey, BigDecimal>> monthlyTargets,
                                   ActualsTimeline lastYearActuals, int scale) {
        if (period.type() == PeriodType.WEEK) {
            throw new IllegalArgumentException("attainment is reported by month, quarter and year, not by week: " + period);
        }
        DateRange range = calendar.range(period);
        BigDecimal actual = toDate(actuals, range, asOf).setScale(scale, RoundingMode.UNNECESSARY);

        Map<TargetLevel, LevelFigures> levels = new EnumMap<>(TargetLevel.class);
        List<PeriodKey> months = calendar.monthsOf(period);
        monthlyTargets.forEach((level, byMonth) -> {
            BigDecimal target = BigDecimal.ZERO;
            BigDecimal expectedExact = BigDecimal.ZERO;
            for (PeriodKey month : months) {
                BigDecimal monthTarget = byMonth.getOrDefault(month, BigDecimal.ZERO);
                target = target.add(monthTarget);
                // completed months count whole, the current month by its elapsed days, later months not at all
                DateRange monthRange = calendar.range(month);
                expectedExact = expectedExact.add(monthTarget.multiply(BigDecimal.valueOf(Elapsed.elapsedDays(monthRange, asOf)))
                        .divide(BigDecimal.valueOf(monthRange.days()), scale + 10, RoundingMode.HALF_EVEN));
            }
            target = target.setScale(scale, RoundingMode.HALF_EVEN);
            BigDecimal expected = expectedExact.setScale(scale, RoundingMode.HALF_EVEN);
            levels.put(level, new LevelFigures(level, target, Percentages.percent(actual, target),
                    target.subtract(actual), expected, Percentages.percent(actual, expected)));
        });

        long elapsedDays = Elapsed.elapsedDays(range, asOf);
        BigDecimal runRate = elapsedDays == 0 ? null
                : actual.multiply(BigDecimal.valueOf(range.days()))
                .divide(BigDecimal.valueOf(elapsedDays), scale, RoundingMode.HALF_EVEN);
        BigDecimal elapsedPercent = Percentages.percent(BigDecimal.valueOf(elapsedDays), BigDecimal.valueOf(range.days()));

        LocalDate asOfLastYear = asOf.minusYears(1);
        DateRange lastYearRange = calendar.range(calendar.samePeriodLastYear(period));
        BigDecimal lastYear = toDate(lastYearActuals, lastYearRange, asOfLastYear).setScale(scale, RoundingMode.UNNECESSARY);

        BigDecimal mtd = toDate(actuals, calendar.range(calendar.monthOf(asOf)), asOf).setScale(scale, RoundingMode.UNNECESSARY);
        BigDecimal qtd = toDate(actuals, calendar.range(calendar.quarterOf(asOf)), asOf).setScale(scale, RoundingMode.UNNECESSARY);
        BigDecimal ytd = toDate(actuals, calendar.range(calendar.yearOf(asOf)), asOf).setScale(scale, RoundingMode.UNNECESSARY);

        return new PeriodFigures(period, asOf, actual, levels, elapsedPercent, runRate, lastYear,
                Percentages.growth(actual, lastYear), mtd, qtd, ytd);
    }

    /** Σ of the credits in {@code range} dated up to {@code asOf}. */
    static BigDecimal toDate(ActualsTimeline actuals, DateRange range, LocalDate asOf) {
        if (asOf.isBefore(range.first())) {
            return BigDecimal.ZERO;
        }
        return actuals.between(range.first(), asOf.isBefore(range.last()) ? asOf : range.last());
    }
}
