package com.quota.targets.distribution;

import com.quota.targets.definition.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOMAIN.md short-term model targets: MOVING_AVERAGE(n, growth) and SEASONAL. */
class ShortTermModelsTest {

    private static final List<BigDecimal> LAST_THREE = List.of(new BigDecimal("900000"), new BigDecimal("1000000"),
            new BigDecimal("1100000"));

    @Test
    void movingAverageOfTheLastThreeMonths() {
        assertThat(ShortTermModels.movingAverage(LAST_THREE, 3, BigDecimal.ZERO, 2)).isEqualTo(new BigDecimal("1000000.00"));
    }

    @Test
    void movingAverageWithFivePercentGrowth() {
        assertThat(ShortTermModels.movingAverage(LAST_THREE, 3, new BigDecimal("0.05"), 2))
                .isEqualTo(new BigDecimal("1050000.00"));
    }

    @Test
    void movingAverageUsesOnlyTheLastNMonths() {
        assertThat(ShortTermModels.movingAverage(LAST_THREE, 2, BigDecimal.ZERO, 2)).isEqualTo(new BigDecimal("1050000.00"));
    }

    @Test
    void movingAverageNeedsNMonthsOfHistory() {
        assertThatThrownBy(() -> ShortTermModels.movingAverage(LAST_THREE, 4, BigDecimal.ZERO, 2))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("needs 4 months");
    }

    @Test
    void seasonalScalesLastYearsMonthByTheTrailingTrend() {
        assertThat(ShortTermModels.seasonal(new BigDecimal("800000"), new BigDecimal("12000000"), new BigDecimal("10000000"), 2))
                .isEqualTo(new BigDecimal("960000.00"));
    }

    @Test
    void seasonalWithoutThePriorYearIsRejected() {
        assertThatThrownBy(() -> ShortTermModels.seasonal(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, 2))
                .isInstanceOf(RuleViolation.class);
    }
}
