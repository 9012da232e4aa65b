package com.quota.performance.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** Win rate, conversion rate, sales velocity (DOMAIN.md formula), new customers, cost ratio and collection rate from the deal figures. */
class DealFiguresTest {

    @Test
    void velocityIsOpenDealsTimesAverageWonAmountTimesWinRateOverAverageCycleDays() {
        // 2 won (250,000 together, cycles 30 and 60 days), 1 lost, 3 open: 3 × 125,000 × 2/3 ÷ 45 = 5,555.555… → 5,555.56
        DealFigures figures = new DealFigures(2, 1, 2, new BigDecimal("250000.0000"), 90, 2, 3, 0, 0);
        assertThat(figures.winRatePercent()).isEqualByComparingTo("66.67");
        assertThat(figures.salesVelocity()).isEqualByComparingTo("5555.56");
        assertThat(figures.newCustomers()).isEqualByComparingTo("2");
    }

    @Test
    void withoutClosedDealsOrCyclesTheRatesAreUnknownNotZero() {
        assertThat(DealFigures.NONE.winRatePercent()).isNull();
        assertThat(DealFigures.NONE.salesVelocity()).isNull();
        assertThat(new DealFigures(0, 3, 0, BigDecimal.ZERO, 0, 0, 5, 0, 0).winRatePercent()).isEqualByComparingTo("0.00");
        assertThat(new DealFigures(0, 3, 0, BigDecimal.ZERO, 0, 0, 5, 0, 0).salesVelocity()).isNull();
        assertThat(new DealFigures(1, 0, 0, BigDecimal.TEN, 0, 0, 5, 0, 0).salesVelocity()).isNull();
        assertThat(new DealFigures(1, 0, 0, BigDecimal.TEN, 10, 1, 0, 0, 0).salesVelocity()).isEqualByComparingTo("0.00");
    }

    @Test
    void conversionRateIsTheShareOfThePeriodsOpenedDealsThatAreWon() {
        // 5 opened in the period, 2 of them won: 40 %; 1 of 3: 33.333… → 33.33
        assertThat(new DealFigures(0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 5, 2).conversionRatePercent()).isEqualByComparingTo("40.00");
        assertThat(new DealFigures(0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 3, 1).conversionRatePercent()).isEqualByComparingTo("33.33");
        assertThat(DealFigures.NONE.conversionRatePercent()).isNull();
    }

    @Test
    void costRatioIsCostOverBookingsAndUnknownWithoutBookings() {
        // DOMAIN.md's scale: 15 % of bookings spent
        assertThat(DealFigures.costRatioPercent(new BigDecimal("30000.00"), new BigDecimal("200000.00"))).isEqualByComparingTo("15.00");
        assertThat(DealFigures.costRatioPercent(new BigDecimal("1"), new BigDecimal("3"))).isEqualByComparingTo("33.33");
        assertThat(DealFigures.costRatioPercent(BigDecimal.ZERO, new BigDecimal("100.00"))).isEqualByComparingTo("0.00");
        assertThat(DealFigures.costRatioPercent(new BigDecimal("10.00"), BigDecimal.ZERO)).isNull();
        assertThat(DealFigures.costRatioPercent(new BigDecimal("10.00"), null)).isNull();
    }

    @Test
    void collectionRateIsCollectedOverValueAndUnknownWithoutValue() {
        assertThat(new CollectionFigures(new BigDecimal("95000"), new BigDecimal("230000")).collectionRatePercent())
                .isEqualByComparingTo("41.30");
        assertThat(CollectionFigures.NONE.collectionRatePercent()).isNull();
    }

    @Test
    void winRateStaysBetween0And100AndVelocityIsNeverNegative() {
        qt().forAll(integers().between(0, 500), integers().between(0, 500), integers().between(1, 1_000_000),
                        integers().between(0, 50))
                .checkAssert((won, lost, amount, open) -> {
                    DealFigures figures = new DealFigures(won, lost, 0, BigDecimal.valueOf(amount), won, won, open, 0, 0);
                    if (won + lost == 0) {
                        assertThat(figures.winRatePercent()).isNull();
                    } else {
                        assertThat(figures.winRatePercent()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
                    }
                    if (figures.salesVelocity() != null) {
                        assertThat(figures.salesVelocity().signum()).isGreaterThanOrEqualTo(0);
                        assertThat(figures.salesVelocity().scale()).isEqualTo(2);
                    }
                });
    }
}
