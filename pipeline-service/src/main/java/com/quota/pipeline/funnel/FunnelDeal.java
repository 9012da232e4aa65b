package com.quota.pipeline.funnel;

import com.quota.pipeline.pipeline.StageOutcome;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One deal of the window as the funnel sees it.
 *
 * @param furthestOpenIndex the furthest open stage (0-based pipeline order) the deal ever reached
 * @param outcome           WON or LOST, null while open (or suspended)
 * @param completedStays    finished stays in open stages: stage id and whole days spent
 */
public record FunnelDeal(UUID opportunityId, BigDecimal reportingAmount, LocalDate createdOn, int furthestOpenIndex,
                         StageOutcome outcome, LocalDate closeDate, String lossReason, String competitor,
                         List<StageStay> completedStays) {

    /** A finished stay in a stage. */
    public record StageStay(UUID stageId, long days) {
    }
}
