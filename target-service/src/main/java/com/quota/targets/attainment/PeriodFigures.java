package com.quota.targets.attainment;

import com.quota.calendar.PeriodKey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * An owner's figures for a metric and period as of a date. Money figures are at the currency's minor unit (counts
 * at 0 decimals); percentages HALF_EVEN to 2 decimals, null when their base is 0.
 *
 * @param actual            credits dated in the period up to the as-of date
 * @param levels            per target level that is set
 * @param elapsedPercent    days of the period elapsed (the as-of date included) ÷ days of the period
 * @param runRate           actual ÷ elapsed fraction of the period; null before the period starts
 * @param lastYearActual    the same period one fiscal year earlier, up to the same date one year earlier
 * @param yoyGrowthPercent  (actual − lastYearActual) ÷ lastYearActual
 * @param monthToDate       credits from the first of the as-of date's month to the as-of date
 * @param quarterToDate     the same for the fiscal quarter
 * @param yearToDate        the same for the fiscal year
 */
public record PeriodFigures(PeriodKey period, LocalDate asOf, BigDecimal actual, Map<TargetLevel, LevelFigures> levels,
                            BigDecimal elapsedPercent, BigDecimal runRate, BigDecimal lastYearActual,
                            BigDecimal yoyGrowthPercent, BigDecimal monthToDate, BigDecimal quarterToDate,
                            BigDecimal yearToDate) {

    public PeriodFigures {
        levels = Map.copyOf(levels);
    }
}
