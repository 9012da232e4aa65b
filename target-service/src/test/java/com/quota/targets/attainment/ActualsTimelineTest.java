package com.quota.targets.attainment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * A month known only from the day after the as-of date (its counter minus the later days) answers every sum the
 * figures ask exactly as the month known day by day does.
 */
class ActualsTimelineTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    private static final YearMonth BEFORE = YearMonth.of(2026, 10);

    @Test
    void theCounterMinusTheDaysAfterTheCutEqualsTheDaySumsForEveryRangeFromTheCut() {
        // credits: (day of November 1..30, cents, possibly negative for reversals)
        qt().withExamples(500).forAll(lists().of(integers().between(1, 30)).ofSizeBetween(0, 40),
                        lists().of(integers().between(-500_000, 5_000_000)).ofSize(40), integers().between(1, 30))
                .checkAssert((creditDays, cents, cutDay) -> {
                    Map<LocalDate, BigDecimal> allDays = new HashMap<>();
                    BigDecimal counter = BigDecimal.ZERO;
                    for (int i = 0; i < creditDays.size(); i++) {
                        BigDecimal amount = BigDecimal.valueOf(cents.get(i), 2);
                        allDays.merge(MONTH.atDay(creditDays.get(i)), amount, BigDecimal::add);
                        counter = counter.add(amount);
                    }
                    Map<YearMonth, BigDecimal> months = Map.of(MONTH, counter, BEFORE, new BigDecimal("123.45"));
                    ActualsTimeline dayByDay = new ActualsTimeline(months, allDays, Set.of(MONTH));
                    LocalDate asOf = MONTH.atDay(cutDay);
                    Map<LocalDate, BigDecimal> after = new HashMap<>();
                    allDays.forEach((day, amount) -> {
                        if (day.isAfter(asOf)) {
                            after.put(day, amount);
                        }
                    });
                    ActualsTimeline fromTheCut = ActualsTimeline.withDaysFrom(months, after, Map.of(MONTH, asOf.plusDays(1)));

                    for (LocalDate last = asOf; !last.isAfter(MONTH.atEndOfMonth()); last = last.plusDays(1)) {
                        assertThat(fromTheCut.between(MONTH.atDay(1), last)).isEqualByComparingTo(dayByDay.between(MONTH.atDay(1), last));
                        assertThat(fromTheCut.between(BEFORE.atDay(1), last)).isEqualByComparingTo(dayByDay.between(BEFORE.atDay(1), last));
                        assertThat(fromTheCut.between(asOf.plusDays(1), last)).isEqualByComparingTo(dayByDay.between(asOf.plusDays(1), last));
                    }
                });
    }

    @Test
    void aSumEndingBeforeTheCutIsRefusedNotGuessed() {
        ActualsTimeline timeline = ActualsTimeline.withDaysFrom(Map.of(MONTH, new BigDecimal("10.00")), Map.of(),
                Map.of(MONTH, MONTH.atDay(16)));

        assertThat(timeline.between(MONTH.atDay(1), MONTH.atDay(15))).isEqualByComparingTo("10.00");
        assertThatThrownBy(() -> timeline.between(MONTH.atDay(1), MONTH.atDay(14))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> timeline.between(BEFORE.atDay(1), BEFORE.atDay(14))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCutOnTheMonthsLastDayNeedsNoDayAtAll() {
        ActualsTimeline timeline = ActualsTimeline.withDaysFrom(Map.of(MONTH, new BigDecimal("-3.10")), Map.of(),
                Map.of(MONTH, MONTH.atEndOfMonth().plusDays(1)));

        assertThat(timeline.between(MONTH.atDay(1), MONTH.atEndOfMonth())).isEqualByComparingTo("-3.10");
        assertThatThrownBy(() -> timeline.between(MONTH.atDay(1), MONTH.atDay(29))).isInstanceOf(IllegalStateException.class);
    }
}
