package com.quota.targets.attainment;

import java.math.BigDecimal;

/**
 * The figures against one target level: the target of the period, attainment % (null when the target is 0),
 * gap = target − actual, the pace line (expected to date) and pace % (null when nothing is expected yet).
 */
public record LevelFigures(TargetLevel level, BigDecimal target, BigDecimal attainmentPercent, BigDecimal gap,
                           BigDecimal expectedToDate, BigDecimal pacePercent) {
}
