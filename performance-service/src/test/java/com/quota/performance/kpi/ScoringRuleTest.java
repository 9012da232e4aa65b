package com.quota.performance.kpi;

import com.quota.performance.kpi.KpiMeasure.Direction;
import com.quota.performance.kpi.ScoringRule.Band;
import com.quota.performance.kpi.ScoringRule.Bands;
import com.quota.performance.kpi.ScoringRule.Linear;
import com.quota.performance.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class ScoringRuleTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void linearHigherIsBetterScoresTheDomainExample() {
        Linear attainment = new Linear(d("60"), d("100"), d("120"));
        assertThat(attainment.score(d("90"))).isEqualByComparingTo("75.00");
        assertThat(attainment.score(d("130"))).isEqualByComparingTo("120.00"); // 175 capped at 120
        assertThat(attainment.score(d("100"))).isEqualByComparingTo("100");
        assertThat(attainment.score(d("60"))).isEqualByComparingTo("0");
        assertThat(attainment.score(d("40"))).isEqualByComparingTo("0"); // floored
        assertThat(attainment.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @Test
    void linearLowerIsBetterWhenTheThresholdIsAboveTheTarget() {
        Linear costRatio = new Linear(d("20"), d("10"), d("120"));
        assertThat(costRatio.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(costRatio.score(d("15"))).isEqualByComparingTo("50.00");
        assertThat(costRatio.score(d("25"))).isEqualByComparingTo("0");
        assertThat(costRatio.score(d("5"))).isEqualByComparingTo("120"); // 150 capped
        assertThat(costRatio.score(d("8"))).isEqualByComparingTo("120");
        assertThat(costRatio.score(d("9"))).isEqualByComparingTo("110.00");
    }

    @Test
    void scoresAreRoundedHalfEvenToTwoDecimalsAndAMissingValueScoresZero() {
        Linear newCustomers = new Linear(d("1"), d("4"), d("120"));
        assertThat(newCustomers.score(d("3"))).isEqualByComparingTo("66.67");
        assertThat(newCustomers.score(null)).isEqualByComparingTo("0");
    }

    @Test
    void linearScoresStayBetweenZeroAndTheCapAndNeverFallAsTheValueImproves() {
        qt().forAll(integers().between(-10_000, 10_000), integers().between(-10_000, 10_000),
                        integers().between(1, 5_000), integers().between(100, 300))
                .assuming((threshold, target, step, cap) -> !threshold.equals(target))
                .checkAssert((threshold, target, step, cap) -> {
                    Linear rule = new Linear(BigDecimal.valueOf(threshold), BigDecimal.valueOf(target), BigDecimal.valueOf(cap));
                    int better = threshold < target ? step : -step;
                    for (int value = -12_000; value <= 12_000; value += 997) {
                        BigDecimal score = rule.score(BigDecimal.valueOf(value));
                        assertThat(score).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(cap));
                        assertThat(rule.score(BigDecimal.valueOf(value + better))).isGreaterThanOrEqualTo(score);
                    }
                    assertThat(rule.score(BigDecimal.valueOf(target))).isEqualByComparingTo("100");
                    assertThat(rule.score(BigDecimal.valueOf(threshold))).isEqualByComparingTo("0");
                });
    }

    @Test
    void bandsScoreTheHighestBandReachedOrForLowerIsBetterTheLowestStayedWithin() {
        Bands winRate = new Bands(Direction.HIGHER_IS_BETTER, List.of(
                new Band(d("30"), d("100")), new Band(d("20"), d("60")), new Band(d("40"), d("120"))));
        assertThat(winRate.score(d("19.99"))).isEqualByComparingTo("0");
        assertThat(winRate.score(d("20"))).isEqualByComparingTo("60");
        assertThat(winRate.score(d("35"))).isEqualByComparingTo("100");
        assertThat(winRate.score(d("40"))).isEqualByComparingTo("120");

        Bands costRatio = new Bands(Direction.LOWER_IS_BETTER, List.of(
                new Band(d("10"), d("100")), new Band(d("15"), d("50"))));
        assertThat(costRatio.score(d("9"))).isEqualByComparingTo("100");
        assertThat(costRatio.score(d("10"))).isEqualByComparingTo("100");
        assertThat(costRatio.score(d("12"))).isEqualByComparingTo("50");
        assertThat(costRatio.score(d("15.01"))).isEqualByComparingTo("0");
    }

    @Test
    void inconsistentRulesAreRefused() {
        assertThatThrownBy(() -> new Linear(d("10"), d("10"), d("120")))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "threshold-equals-target");
        assertThatThrownBy(() -> new Linear(d("60"), d("100"), d("90")))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "cap-below-100");
        assertThatThrownBy(() -> new Bands(Direction.HIGHER_IS_BETTER, List.of(new Band(d("1"), d("5")), new Band(d("1.0"), d("6")))))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "overlapping-bands");
        assertThatThrownBy(() -> new Band(d("1"), d("-5")))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "negative-band-score");
        assertThatThrownBy(() -> new KpiDefinition(UUID.randomUUID(), "COST_RATIO", "Cost ratio", KpiMeasure.COST_RATIO,
                Direction.HIGHER_IS_BETTER, new Linear(d("20"), d("10"), d("120"))))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "direction-mismatch");
    }
}
