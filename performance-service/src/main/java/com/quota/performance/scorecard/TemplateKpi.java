package com.quota.performance.scorecard;

import com.quota.performance.kpi.KpiDefinition;
import com.quota.performance.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.Objects;

/** A KPI on a scorecard template with its weight in percent. */
public record TemplateKpi(KpiDefinition kpi, BigDecimal weightPercent) {

    public TemplateKpi {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(weightPercent, "weightPercent");
        RuleViolation.require(weightPercent.signum() > 0, "invalid-weight",
                "the weight of " + kpi.code() + " must be positive, was " + weightPercent.toPlainString());
    }
}
