package com.quota.targets.attainment;

import com.quota.calendar.FiscalCalendar;
import com.quota.calendar.PeriodKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AttainmentFiguresTest {

    private final FiscalCalendar calendar = new FiscalCalendar(Month.JANUARY);

    @Test
    void domainPaceExampleThirtyDayMonthAsOfDayFifteen() {
        // DOMAIN.md: a 30-day month, target 100,000.00, as of day 15, actual 40,000.00
        PeriodKey november = PeriodKey.parse("FY2026-M11");
        LocalDate asOf = LocalDate.of(2026, 11, 15);
        ActualsTimeline actuals = new ActualsTimeline(Map.of(), Map.of(LocalDate.of(2026, 11, 3), new BigDecimal("40000.00")),
                Set.of(YearMonth.of(2026, 11), YearMonth.of(2025, 11)));

        PeriodFigures figures = AttainmentFigures.of(calendar, november, asOf, actuals,
                Map.of(TargetLevel.TARGET, Map.of(november, new BigDecimal("100000.00"))), actuals, 2);

        LevelFigures target = figures.levels().get(TargetLevel.TARGET);
        assertThat(figures.actual()).isEqualTo(new BigDecimal("40000.00"));
        assertThat(target.expectedToDate()).isEqualTo(new BigDecimal("50000.00"));
        assertThat(target.pacePercent()).isEqualTo(new BigDecimal("80.00"));
        assertThat(figures.runRate()).isEqualTo(new BigDecimal("80000.00"));
        assertThat(target.gap()).isEqualTo(new BigDecimal("60000.00"));
        assertThat(target.attainmentPercent()).isEqualTo(new BigDecimal("40.00"));
        assertThat(figures.elapsedPercent()).isEqualTo(new BigDecimal("50.00"));
    }

    @Test
    void quarterFiguresUseCompletedMonthsWholeAndTheCurrentMonthByElapsedDays() {
        PeriodKey q4 = PeriodKey.parse("FY2026-Q4");
        LocalDate asOf = LocalDate.of(2026, 11, 15);
        ActualsTimeline actuals = new ActualsTimeline(
                Map.of(YearMonth.of(2026, 10), new BigDecimal("90000.00"), YearMonth.of(2025, 10), new BigDecimal("50000.00")),
                Map.of(LocalDate.of(2026, 11, 3), new BigDecimal("40000.00"), LocalDate.of(2026, 11, 16), new BigDecimal("7.00"),
                        LocalDate.of(2025, 11, 10), new BigDecimal("10000.00"), LocalDate.of(2025, 11, 20), new BigDecimal("99.00")),
                Set.of(YearMonth.of(2026, 11), YearMonth.of(2025, 11)));
        Map<PeriodKey, BigDecimal> monthly = Map.of(PeriodKey.parse("FY2026-M10"), new BigDecimal("100000.00"),
                PeriodKey.parse("FY2026-M11"), new BigDecimal("100000.00"), PeriodKey.parse("FY2026-M12"), new BigDecimal("100000.00"));

        PeriodFigures figures = AttainmentFigures.of(calendar, q4, asOf, actuals,
                Map.of(TargetLevel.TARGET, monthly, TargetLevel.STRETCH, Map.of()), actuals, 2);

        // the credit dated after the as-of date does not count yet
        assertThat(figures.actual()).isEqualTo(new BigDecimal("130000.00"));
        assertThat(figures.monthToDate()).isEqualTo(new BigDecimal("40000.00"));
        assertThat(figures.quarterToDate()).isEqualTo(new BigDecimal("130000.00"));
        LevelFigures target = figures.levels().get(TargetLevel.TARGET);
        assertThat(target.target()).isEqualTo(new BigDecimal("300000.00"));
        assertThat(target.expectedToDate()).isEqualTo(new BigDecimal("150000.00"));
        assertThat(target.pacePercent()).isEqualTo(new BigDecimal("86.67"));
        // last year to the same date: 50,000 + 10,000 (the 2025-11-20 credit is after 2025-11-15)
        assertThat(figures.lastYearActual()).isEqualTo(new BigDecimal("60000.00"));
        assertThat(figures.yoyGrowthPercent()).isEqualTo(new BigDecimal("116.67"));
        // 46 of 92 days elapsed: run-rate 130,000 × 92 / 46
        assertThat(figures.runRate()).isEqualTo(new BigDecimal("260000.00"));
        // a level without amounts: target 0, percentages null, not 0
        LevelFigures stretch = figures.levels().get(TargetLevel.STRETCH);
        assertThat(stretch.target()).isEqualTo(new BigDecimal("0.00"));
        assertThat(stretch.attainmentPercent()).isNull();
        assertThat(stretch.pacePercent()).isNull();
    }

    @Test
    void beforeThePeriodStartsNothingIsExpectedAndThereIsNoRunRate() {
        PeriodKey december = PeriodKey.parse("FY2026-M12");
        ActualsTimeline none = new ActualsTimeline(Map.of(), Map.of(), Set.of(YearMonth.of(2026, 11), YearMonth.of(2025, 11)));

        PeriodFigures figures = AttainmentFigures.of(calendar, december, LocalDate.of(2026, 11, 15), none,
                Map.of(TargetLevel.TARGET, Map.of(december, new BigDecimal("100.00"))), none, 2);

        assertThat(figures.actual()).isEqualTo(new BigDecimal("0.00"));
        assertThat(figures.runRate()).isNull();
        assertThat(figures.levels().get(TargetLevel.TARGET).pacePercent()).isNull();
        assertThat(figures.yoyGrowthPercent()).isNull();
    }
}
