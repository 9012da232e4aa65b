package com.quota.performance.scorecard;

import com.quota.performance.kpi.KpiDefinition;

import java.math.BigDecimal;
import java.util.List;

/** The scored KPIs of a scorecard, its total score and grade. */
public record ScorecardResult(List<KpiScore> kpis, BigDecimal score, String grade) {

    /** One KPI's measured value (null when it has none), its score and its weighted contribution. */
    public record KpiScore(KpiDefinition kpi, BigDecimal weightPercent, BigDecimal actualValue, BigDecimal score,
                           BigDecimal weightedScore) {
    }
}
