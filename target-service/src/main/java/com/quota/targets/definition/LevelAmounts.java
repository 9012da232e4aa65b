package com.quota.targets.definition;

import java.util.EnumMap;
import java.util.Map;

/** The monthly amounts of each level that is set; TARGET is always set. */
public record LevelAmounts(Map<TargetLevel, MonthlyAmounts> levels) {

    public LevelAmounts {
        if (!levels.containsKey(TargetLevel.TARGET)) {
            throw new RuleViolation("target-level-missing", "the TARGET level must be set");
        }
        levels = Map.copyOf(new EnumMap<>(levels));
    }

    public MonthlyAmounts target() {
        return levels.get(TargetLevel.TARGET);
    }
}
