package com.quota.performance.kpi;

import com.quota.performance.kpi.KpiMeasure.Direction;
import com.quota.performance.rules.RuleViolation;

import java.util.Objects;
import java.util.UUID;

/** A KPI: a source measure scored by a rule in a direction (e.g. "Win rate", WIN_RATE, LINEAR 20 → 35, cap 120). */
public record KpiDefinition(UUID id, String code, String name, KpiMeasure measure, Direction direction, ScoringRule rule) {

    public KpiDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(rule, "rule");
        RuleViolation.require(code != null && code.matches("[A-Z][A-Z0-9_]{0,63}"), "invalid-kpi-code",
                "a KPI code is upper case letters, digits and underscores, e.g. WIN_RATE");
        RuleViolation.require(name != null && !name.isBlank(), "invalid-kpi-name", "a KPI needs a name");
        // the direction is stated, and a LINEAR rule's threshold/target must agree with it, so a typo is caught
        RuleViolation.require(rule.direction() == direction, "direction-mismatch",
                "the KPI is " + direction + " but its rule's threshold and target say " + rule.direction());
    }
}
