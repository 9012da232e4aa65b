package com.quota.targets.definition.application;

import com.quota.targets.allocation.AdjustmentMode;
import com.quota.targets.allocation.AllocationMethod;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.Metric;
import com.quota.targets.definition.OwnerType;
import com.quota.targets.definition.TargetLevel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The requests the target use cases take, already checked for shape by the web layer. */
public final class TargetCommands {

    private TargetCommands() {
    }

    /** One level's amounts: the annual amount and optionally its 12 months (else distributed evenly). */
    public record LevelInput(BigDecimal annual, List<BigDecimal> months) {
    }

    public record CreateTarget(String externalRef, int fiscalYear, Metric metric, OwnerType ownerType, UUID ownerId,
                               Dimensions dimensions, String currency, Map<TargetLevel, LevelInput> levels,
                               LocalDate effectiveFrom) {
    }

    /** One child of an allocation: whose target, its ratio (RATIO) and its adjustment in percent (e.g. 5 for +5%). */
    public record AllocationChildInput(OwnerType ownerType, UUID ownerId, BigDecimal ratio, BigDecimal adjustmentPercent) {
    }

    /**
     * @param children      in request order; empty means the unit's direct child units, else the reps in it
     * @param historyYear   the reference fiscal year of HISTORY (default the year before)
     * @param newcomerFloor the weight of a child without history
     */
    public record Allocate(AllocationMethod method, AdjustmentMode mode, List<AllocationChildInput> children,
                           Integer historyYear, BigDecimal newcomerFloor) {
    }

    /** Split a target over the values of one dimension by percentages adding up to 100. */
    public record SplitByDimension(com.quota.targets.definition.TargetDimension dimension,
                                   List<com.quota.targets.allocation.DimensionSplit.Share> shares) {
    }

    /** The methods of {@code POST /api/targets/{id}/distribution}. */
    public enum DistributionModel { EVEN, PROFILE, HISTORY, MOVING_AVERAGE, SEASONAL }

    /**
     * @param weights     inline PROFILE weights (or use profileId)
     * @param historyYear reference year for HISTORY / the models (default the year before)
     * @param n           MOVING_AVERAGE window
     * @param growthPercent MOVING_AVERAGE growth, e.g. 5 for +5%
     */
    public record Distribute(DistributionModel method, UUID profileId, List<BigDecimal> weights, Integer historyYear,
                             Integer n, BigDecimal growthPercent) {
    }
}
