package com.quota.performance.scorecard;

import com.quota.performance.kpi.KpiDefinition;
import com.quota.performance.kpi.KpiMeasure;
import com.quota.performance.rules.RuleViolation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The scorecard of a role: weighted KPIs (weights sum to exactly 100) and grade bands. */
public record ScorecardTemplate(UUID id, String name, String role, List<TemplateKpi> kpis, GradeBands gradeBands) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public ScorecardTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gradeBands, "gradeBands");
        RuleViolation.require(name != null && !name.isBlank(), "invalid-template-name", "a template needs a name");
        RuleViolation.require(role != null && !role.isBlank(), "invalid-template-role", "a template is for a role");
        RuleViolation.require(kpis != null && !kpis.isEmpty(), "no-kpis", "a template needs at least one KPI");
        RuleViolation.require(new HashSet<>(kpis.stream().map(k -> k.kpi().id()).toList()).size() == kpis.size(),
                "duplicate-kpi", "a KPI appears twice on the template");
        BigDecimal sum = kpis.stream().map(TemplateKpi::weightPercent).reduce(BigDecimal.ZERO, BigDecimal::add);
        RuleViolation.require(sum.compareTo(HUNDRED) == 0, "weights-not-100",
                "the KPI weights must sum to 100, they sum to " + sum.stripTrailingZeros().toPlainString());
        kpis = List.copyOf(kpis);
    }

    /**
     * Scores measured values: each KPI by its rule, the score = Σ weight × KPI score ÷ 100 (HALF_EVEN, 2 decimals),
     * the grade by the bands. A KPI without a value (its measure has no base yet) scores 0.
     */
    public ScorecardResult score(Map<KpiMeasure, BigDecimal> actuals) {
        List<ScorecardResult.KpiScore> scores = new ArrayList<>();
        BigDecimal weightedSum = BigDecimal.ZERO;
        for (TemplateKpi templateKpi : kpis) {
            KpiDefinition kpi = templateKpi.kpi();
            BigDecimal actual = actuals.get(kpi.measure());
            BigDecimal score = kpi.rule().score(actual);
            BigDecimal weighted = templateKpi.weightPercent().multiply(score);
            weightedSum = weightedSum.add(weighted);
            scores.add(new ScorecardResult.KpiScore(kpi, templateKpi.weightPercent(), actual, score,
                    weighted.divide(HUNDRED, 2, RoundingMode.HALF_EVEN)));
        }
        BigDecimal total = weightedSum.divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
        return new ScorecardResult(List.copyOf(scores), total, gradeBands.gradeOf(total));
    }
}
