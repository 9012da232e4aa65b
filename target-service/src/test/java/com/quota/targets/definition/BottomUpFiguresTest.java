package com.quota.targets.definition;

import com.quota.targets.distribution.MonthlyDistribution;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every node shows top-down assigned, bottom-up sum and the gap = top-down − bottom-up, per month, quarter and year. */
class BottomUpFiguresTest {

    @Test
    void gapIsTopDownMinusTheSumOfTheChildren() {
        MonthlyAmounts team = MonthlyDistribution.distributeEvenly(new BigDecimal("1200000.00"), 2);
        List<MonthlyAmounts> reps = List.of(
                MonthlyDistribution.distributeEvenly(new BigDecimal("600000.00"), 2),
                MonthlyDistribution.distributeEvenly(new BigDecimal("540000.00"), 2));

        BottomUpFigures figures = BottomUpFigures.of(team, reps, 2);

        assertThat(figures.bottomUp().year()).isEqualTo(new BigDecimal("1140000.00"));
        assertThat(figures.gap().year()).isEqualTo(new BigDecimal("60000.00"));
        assertThat(figures.gap().quarter(1)).isEqualTo(new BigDecimal("15000.00"));
        assertThat(figures.gap().month(1)).isEqualTo(new BigDecimal("5000.00"));
    }

    @Test
    void aNodeWithoutChildrenHasItsWholeTargetAsGap() {
        MonthlyAmounts rep = MonthlyDistribution.distributeEvenly(new BigDecimal("12.00"), 2);

        assertThat(BottomUpFigures.of(rep, List.of(), 2).gap()).isEqualTo(rep);
    }
}
