package com.quota.performance.integration.outbound;

import com.quota.performance.scorecard.ScorecardResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The contract payload of ScorecardFinalized (performance.scorecard.v1). */
public record ScorecardFinalized(UUID scorecardId, UUID repId, UUID unitId, String role, UUID templateId, String templateName,
                                 String periodKey, String periodType, LocalDate asOf, String score, String grade,
                                 Integer rankInTeam, int teamSize, List<Kpi> kpis) {

    /** One scored KPI. */
    public record Kpi(UUID kpiId, String code, String name, String measure, String direction, String weightPercent,
                      String actualValue, String thresholdValue, String targetValue, String score, String weightedScore) {
    }

    /** The scored KPIs in the event's shape (thresholds and targets only for LINEAR rules). */
    public static List<Kpi> kpis(ScorecardResult result) {
        return result.kpis().stream().map(k -> {
            String threshold = null;
            String target = null;
            if (k.kpi().rule() instanceof com.quota.performance.kpi.ScoringRule.Linear linear) {
                threshold = text(linear.threshold());
                target = text(linear.target());
            }
            return new Kpi(k.kpi().id(), k.kpi().code(), k.kpi().name(), measureName(k.kpi().measure()),
                    k.kpi().direction().name(), text(k.weightPercent()), k.actualValue() == null ? null : text(k.actualValue()),
                    threshold, target, k.score().toPlainString(), k.weightedScore().toPlainString());
        }).toList();
    }

    private static String measureName(com.quota.performance.kpi.KpiMeasure measure) {
        // the event names manager-entered measures by their kind
        return measure.isManagerEntered() ? "SOFT_RATING" : measure.name();
    }

    private static String text(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
