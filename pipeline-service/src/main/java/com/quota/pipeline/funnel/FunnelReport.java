package com.quota.pipeline.funnel;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The funnel of a window; percentages are HALF_EVEN to 2 decimals and null when their base is 0. */
public record FunnelReport(List<StageFigures> stages, int won, int lost, int open, BigDecimal winRate,
                           BigDecimal averageWonAmount, BigDecimal averageCycleDays, BigDecimal salesVelocity,
                           List<LossGroup> lossesByCompetitor, List<LossGroup> lossesByReason) {

    /**
     * @param reached    deals that reached the stage (or a later one, or won)
     * @param conversion reached the next stage (WON after the last open stage) ÷ reached, in percent
     */
    public record StageFigures(UUID stageId, String code, String name, int reached, BigDecimal amount,
                               BigDecimal conversion, BigDecimal averageDaysInStage) {
    }

    /** Lost deals grouped by competitor or by reason. */
    public record LossGroup(String key, int count, BigDecimal amount) {
    }
}
