package com.quota.calendar;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** Properties of the calendar for every start month, over random fiscal years and dates. */
class FiscalCalendarPropertiesTest {

    private static final int EXAMPLES = 1000;

    private static final Gen<FiscalCalendar> CALENDARS = integers().between(1, 12).map(m -> new FiscalCalendar(Month.of(m)));
    private static final Gen<Integer> FISCAL_YEARS = integers().between(1901, 2399);
    /** Dates from 1900-03-01 to 2399-12-31, by epoch day. */
    private static final Gen<LocalDate> DATES = integers()
            .between((int) LocalDate.of(1900, 3, 1).toEpochDay(), (int) LocalDate.of(2399, 12, 31).toEpochDay())
            .map(LocalDate::ofEpochDay);

    @Test
    void theTwelveMonthsTileTheYearWithNoGapOrOverlap() {
        qt().withExamples(EXAMPLES).forAll(CALENDARS, FISCAL_YEARS).checkAssert((calendar, fy) ->
                assertTiles(calendar.yearRange(fy), calendar.months(fy).stream().map(calendar::range).toList()));
    }

    @Test
    void quartersTileTheYearAndEachIsItsThreeMonths() {
        qt().withExamples(EXAMPLES).forAll(CALENDARS, FISCAL_YEARS).checkAssert((calendar, fy) -> {
            assertTiles(calendar.yearRange(fy), calendar.quarters(fy).stream().map(calendar::range).toList());
            for (PeriodKey quarter : calendar.quarters(fy)) {
                assertTiles(calendar.range(quarter), calendar.monthsOf(quarter).stream().map(calendar::range).toList());
                calendar.monthsOf(quarter).forEach(month -> assertThat(calendar.quarterOf(month)).isEqualTo(quarter));
            }
        });
    }

    @Test
    void weeksTileTheYearRunningMondayToSunday() {
        qt().withExamples(EXAMPLES).forAll(CALENDARS, FISCAL_YEARS).checkAssert((calendar, fy) -> {
            List<DateRange> weeks = calendar.weeks(fy).stream().map(calendar::range).toList();
            assertTiles(calendar.yearRange(fy), weeks);
            assertThat(weeks.size()).isBetween(53, 54);
            for (int i = 0; i < weeks.size(); i++) {
                DateRange week = weeks.get(i);
                assertThat(week.days()).isBetween(1L, 7L);
                if (i > 0) {
                    assertThat(week.first().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
                }
                if (i < weeks.size() - 1) {
                    assertThat(week.last().getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
                }
                if (i > 0 && i < weeks.size() - 1) {
                    assertThat(week.days()).isEqualTo(7L);
                }
            }
        });
    }

    @Test
    void everyDateBelongsToExactlyOneMonthKey() {
        qt().withExamples(EXAMPLES * 3).forAll(CALENDARS, DATES).checkAssert((calendar, date) -> {
            int fy = calendar.fiscalYearOf(date);
            // look in the date's fiscal year and both neighbours: exactly one month holds it
            List<PeriodKey> holding = List.of(fy - 1, fy, fy + 1).stream()
                    .flatMap(y -> calendar.months(y).stream())
                    .filter(month -> calendar.range(month).contains(date))
                    .toList();
            assertThat(holding).containsExactly(calendar.monthOf(date));
            assertThat(calendar.yearRange(fy).contains(date)).isTrue();
            assertThat(calendar.yearMonthOf(calendar.monthOf(date)).getMonth()).isEqualTo(date.getMonth());
        });
    }

    @Test
    void everyPeriodContainingADateContainsIt() {
        qt().withExamples(EXAMPLES * 3).forAll(CALENDARS, DATES).checkAssert((calendar, date) -> {
            List<PeriodKey> periods = calendar.periodsContaining(date);
            assertThat(periods).extracting(PeriodKey::type)
                    .containsExactly(PeriodType.YEAR, PeriodType.QUARTER, PeriodType.MONTH, PeriodType.WEEK);
            periods.forEach(key -> assertThat(calendar.range(key).contains(date)).as("%s holds %s", key, date).isTrue());
            assertThat(periods).extracting(PeriodKey::fiscalYear).containsOnly(calendar.fiscalYearOf(date));
            assertThat(calendar.quarterOf(periods.get(2))).isEqualTo(periods.get(1));
        });
    }

    @Test
    void elapsedFractionGrowsFromZeroToOneAndTheMonthsElapsedDaysAddUpToTheYears() {
        qt().withExamples(EXAMPLES).forAll(CALENDARS, DATES, integers().between(-400, 400)).checkAssert((calendar, asOf, shift) -> {
            int fy = calendar.fiscalYearOf(asOf.plusDays(shift));
            DateRange year = calendar.yearRange(fy);
            BigDecimal today = year.elapsedFraction(asOf);
            BigDecimal tomorrow = year.elapsedFraction(asOf.plusDays(1));
            assertThat(today).isBetween(BigDecimal.ZERO, BigDecimal.ONE).hasScaleOf(Elapsed.FRACTION_SCALE);
            assertThat(tomorrow).isGreaterThanOrEqualTo(today);
            assertThat(year.elapsedFraction(year.first().minusDays(1))).isZero();
            assertThat(year.elapsedFraction(year.last())).isEqualByComparingTo(BigDecimal.ONE);
            long monthsElapsed = calendar.months(fy).stream().mapToLong(m -> Elapsed.elapsedDays(calendar.range(m), asOf)).sum();
            assertThat(monthsElapsed).isEqualTo(Elapsed.elapsedDays(year, asOf));
        });
    }

    @Test
    void keysParseBackFromTheirText() {
        Gen<PeriodKey> keys = integers().between(0, 3).zip(FISCAL_YEARS, integers().between(1, 54), (t, fy, n) ->
                switch (PeriodType.values()[t]) {
                    case YEAR -> PeriodKey.year(fy);
                    case QUARTER -> PeriodKey.quarter(fy, (n - 1) % 4 + 1);
                    case MONTH -> PeriodKey.month(fy, (n - 1) % 12 + 1);
                    case WEEK -> PeriodKey.week(fy, n);
                });
        qt().withExamples(EXAMPLES).forAll(keys).checkAssert(key -> assertThat(PeriodKey.parse(key.toString())).isEqualTo(key));
    }

    private static void assertTiles(DateRange whole, List<DateRange> parts) {
        assertThat(parts.get(0).first()).isEqualTo(whole.first());
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).first()).as("part %d starts the day after part %d ends", i, i - 1)
                    .isEqualTo(parts.get(i - 1).last().plusDays(1));
        }
        assertThat(parts.get(parts.size() - 1).last()).isEqualTo(whole.last());
        assertThat(parts.stream().mapToLong(DateRange::days).sum()).isEqualTo(whole.days());
    }
}
