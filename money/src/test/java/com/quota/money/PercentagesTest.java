package com.quota.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PercentagesTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void percentIsRoundedHalfEvenToTwoDecimals() {
        assertThat(Percentages.percent(d("40000.00"), d("50000.00"))).isEqualByComparingTo("80.00").hasScaleOf(2);
        assertThat(Percentages.percent(d("1"), d("3"))).isEqualTo(d("33.33"));
        assertThat(Percentages.percent(d("2"), d("3"))).isEqualTo(d("66.67"));
        // 1 ÷ 8 × 100 = 12.5 exactly; 0.000125 ÷ 1 × 100 = 0.0125 → 0.01 (half to even), 0.0375 → 0.04
        assertThat(Percentages.percent(d("1"), d("8"))).isEqualTo(d("12.50"));
        assertThat(Percentages.percent(d("0.000125"), d("1"))).isEqualTo(d("0.01"));
        assertThat(Percentages.percent(d("0.000375"), d("1"))).isEqualTo(d("0.04"));
        assertThat(Percentages.percent(d("-1"), d("3"))).isEqualTo(d("-33.33"));
        assertThat(Percentages.percent(d("0"), d("3"))).isEqualTo(d("0.00"));
    }

    @Test
    void percentIsNullWhenTheBaseIsZero() {
        assertThat(Percentages.percent(d("10"), d("0"))).isNull();
        assertThat(Percentages.percent(d("0"), d("0.00"))).isNull();
    }

    @Test
    void growthIsTheChangeOverThePreviousFigure() {
        assertThat(Percentages.growth(d("1200000"), d("1000000"))).isEqualTo(d("20.00"));
        assertThat(Percentages.growth(d("900"), d("1000"))).isEqualTo(d("-10.00"));
        assertThat(Percentages.growth(d("900"), d("0"))).isNull();
    }
}
