package com.quota.performance.scorecard;

import com.quota.performance.kpi.KpiDefinition;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.performance.kpi.KpiMeasure.Direction;
import com.quota.performance.kpi.ScoringRule.Linear;
import com.quota.performance.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class ScorecardTemplateTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static KpiDefinition kpi(String code, KpiMeasure measure, String threshold, String target) {
        return new KpiDefinition(UUID.randomUUID(), code, code, measure, measure.usualDirection(),
                new Linear(d(threshold), d(target), d("120")));
    }

    /** The golden ScorecardFinalized example of event-contracts, KPI by KPI. */
    static ScorecardTemplate accountExecutive() {
        return new ScorecardTemplate(UUID.randomUUID(), "Account Executive scorecard FY2026", "REP", List.of(
                new TemplateKpi(kpi("QUOTA_ATTAINMENT", KpiMeasure.ATTAINMENT_PERCENT, "60", "100"), d("50")),
                new TemplateKpi(kpi("WIN_RATE", KpiMeasure.WIN_RATE, "20", "35"), d("20")),
                new TemplateKpi(kpi("NEW_CUSTOMERS", KpiMeasure.NEW_CUSTOMERS, "1", "4"), d("15")),
                new TemplateKpi(kpi("CUSTOMER_SATISFACTION", KpiMeasure.CUSTOMER_SATISFACTION, "3", "4.5"), d("15"))),
                GradeBands.standard());
    }

    @Test
    void theScoreIsTheWeightedSumOfKpiScoresAsInTheGoldenScorecardExample() {
        ScorecardResult result = accountExecutive().score(Map.of(
                KpiMeasure.ATTAINMENT_PERCENT, d("92.40"),
                KpiMeasure.WIN_RATE, d("31.25"),
                KpiMeasure.NEW_CUSTOMERS, d("3"),
                KpiMeasure.CUSTOMER_SATISFACTION, d("4.3")));
        assertThat(result.kpis()).extracting(ScorecardResult.KpiScore::score)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("81.00"), d("75.00"), d("66.67"), d("86.67"));
        assertThat(result.kpis()).extracting(ScorecardResult.KpiScore::weightedScore)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("40.50"), d("15.00"), d("10.00"), d("13.00"));
        assertThat(result.score()).isEqualByComparingTo("78.50");
        assertThat(result.grade()).isEqualTo("B");
    }

    @Test
    void aKpiWithoutAValueScoresZero() {
        ScorecardResult result = accountExecutive().score(Map.of(KpiMeasure.ATTAINMENT_PERCENT, d("100")));
        assertThat(result.score()).isEqualByComparingTo("50.00");
        assertThat(result.grade()).isEqualTo("D");
    }

    @Test
    void weightsThatDoNotSumToExactly100AreRefused() {
        assertThatThrownBy(() -> new ScorecardTemplate(UUID.randomUUID(), "t", "REP", List.of(
                new TemplateKpi(kpi("A", KpiMeasure.BOOKINGS, "0", "10"), d("60")),
                new TemplateKpi(kpi("B", KpiMeasure.WIN_RATE, "0", "10"), d("40.01"))), GradeBands.standard()))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "weights-not-100")
                .hasMessageContaining("100.01");
        assertThatThrownBy(() -> new TemplateKpi(kpi("A", KpiMeasure.BOOKINGS, "0", "10"), d("0")))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "invalid-weight");
        KpiDefinition same = kpi("A", KpiMeasure.BOOKINGS, "0", "10");
        assertThatThrownBy(() -> new ScorecardTemplate(UUID.randomUUID(), "t", "REP", List.of(
                new TemplateKpi(same, d("50")), new TemplateKpi(same, d("50"))), GradeBands.standard()))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "duplicate-kpi");
    }

    @Test
    void gradeBandsAreConfigurableAndMustFallStrictly() {
        GradeBands standard = GradeBands.standard();
        assertThat(standard.gradeOf(d("90"))).isEqualTo("A");
        assertThat(standard.gradeOf(d("89.99"))).isEqualTo("B");
        assertThat(standard.gradeOf(d("75"))).isEqualTo("B");
        assertThat(standard.gradeOf(d("60"))).isEqualTo("C");
        assertThat(standard.gradeOf(d("59.99"))).isEqualTo("D");

        GradeBands passFail = new GradeBands(List.of(new GradeBands.GradeBand("PASS", d("70"))), "FAIL");
        assertThat(passFail.gradeOf(d("70"))).isEqualTo("PASS");
        assertThat(passFail.gradeOf(d("69.99"))).isEqualTo("FAIL");

        assertThatThrownBy(() -> new GradeBands(List.of(new GradeBands.GradeBand("A", d("60")),
                new GradeBands.GradeBand("B", d("75"))), "D"))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "invalid-grade-bands");
    }

    @Test
    void theScoreOfRandomWeightsAndScoresIsTheirWeightedAverage() {
        // weights as three cut points of 100; every KPI LINEAR 0 → 100, so its score is its value (0..100)
        qt().forAll(integers().between(1, 97), integers().between(0, 100), integers().between(0, 100), integers().between(0, 100))
                .checkAssert((w1, s1, s2, s3) -> {
                    int w2 = (100 - w1) / 2;
                    int w3 = 100 - w1 - w2;
                    if (w2 == 0) {
                        return;
                    }
                    ScorecardTemplate template = new ScorecardTemplate(UUID.randomUUID(), "t", "REP", List.of(
                            new TemplateKpi(kpi("A", KpiMeasure.BOOKINGS, "0", "100"), BigDecimal.valueOf(w1)),
                            new TemplateKpi(kpi("B", KpiMeasure.WIN_RATE, "0", "100"), BigDecimal.valueOf(w2)),
                            new TemplateKpi(kpi("C", KpiMeasure.NEW_CUSTOMERS, "0", "100"), BigDecimal.valueOf(w3))),
                            GradeBands.standard());
                    ScorecardResult result = template.score(Map.of(KpiMeasure.BOOKINGS, BigDecimal.valueOf(s1),
                            KpiMeasure.WIN_RATE, BigDecimal.valueOf(s2), KpiMeasure.NEW_CUSTOMERS, BigDecimal.valueOf(s3)));
                    BigDecimal expected = BigDecimal.valueOf(w1 * s1 + w2 * s2 + w3 * s3).movePointLeft(2);
                    assertThat(result.score()).isEqualByComparingTo(expected);
                    assertThat(result.score()).isBetween(BigDecimal.valueOf(Math.min(s1, Math.min(s2, s3))),
                            BigDecimal.valueOf(Math.max(s1, Math.max(s2, s3))));
                });
    }
}
