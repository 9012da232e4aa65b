package com.quota.targets.definition.web;

import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.application.AllocationService;
import com.quota.targets.definition.application.TargetDetail;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.VersionRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The targets' JSON shapes. Amounts are decimal strings; quarters and the year are derived from the months. */
final class TargetViews {

    private TargetViews() {
    }

    record OwnerBody(String type, UUID id) {
    }

    /** One level in a request: the annual amount and optionally its 12 months (else spread evenly). */
    record LevelBody(String level, String annual, List<String> months) {
    }

    /** {@code POST /api/targets}. */
    record CreateBody(String externalRef, Integer fiscalYear, String metric, String ownerType, UUID ownerId,
                      Dimensions dimensions, String currency, List<LevelBody> levels, LocalDate effectiveFrom) {
    }

    /** {@code PUT /api/targets/{id}/amounts}. */
    record AmountsBody(List<LevelBody> levels) {
    }

    /** {@code POST /api/targets/{id}/revisions}. */
    record RevisionBody(String reason, LocalDate effectiveFrom) {
    }

    record ChildBody(String ownerType, UUID ownerId, String ratio, String adjustmentPercent) {
    }

    /** {@code POST /api/targets/{id}/allocations}. */
    record AllocationBody(String method, String mode, List<ChildBody> children, Integer historyYear, String newcomerFloor,
                          Boolean preview) {
    }

    /** {@code POST /api/targets/{id}/distribution}. */
    record DistributionBody(String method, UUID profileId, List<String> weights, Integer historyYear, Integer n,
                            String growthPercent, Boolean preview) {
    }

    record PeriodAmount(String periodKey, String amount) {
    }

    record LevelView(String level, String annual, List<PeriodAmount> quarters, List<PeriodAmount> months) {

        static LevelView of(int fiscalYear, TargetLevel level, MonthlyAmounts amounts) {
            return new LevelView(level.name(), amounts.year().toPlainString(), quarterAmounts(fiscalYear, amounts), monthAmounts(fiscalYear, amounts));
        }
    }

    static List<PeriodAmount> quarterAmounts(int fiscalYear, MonthlyAmounts amounts) {
        List<PeriodAmount> quarters = new ArrayList<>(4);
        String year = "FY" + fiscalYear;
        for (int q = 1; q <= 4; q++) {
            quarters.add(new PeriodAmount(year + QUARTER_SUFFIXES[q - 1], amounts.quarter(q).toPlainString()));
        }
        return quarters;
    }

    static List<PeriodAmount> monthAmounts(int fiscalYear, MonthlyAmounts amounts) {
        List<PeriodAmount> months = new ArrayList<>(12);
        String year = "FY" + fiscalYear;
        for (int m = 1; m <= 12; m++) {
            months.add(new PeriodAmount(year + MONTH_SUFFIXES[m - 1], amounts.month(m).toPlainString()));
        }
        return months;
    }

    // constants, not String.format per month: an allocation to 10,000 children answers 120,000 month keys, and
    // String.format was a third of the preview's CPU samples (JFR, TargetAllocationBenchmark)
    private static final String[] MONTH_SUFFIXES = {"-M01", "-M02", "-M03", "-M04", "-M05", "-M06", "-M07", "-M08", "-M09",
            "-M10", "-M11", "-M12"};
    private static final String[] QUARTER_SUFFIXES = {"-Q1", "-Q2", "-Q3", "-Q4"};

    static List<LevelView> levelViews(int fiscalYear, LevelAmounts amounts) {
        List<LevelView> levels = new ArrayList<>();
        for (TargetLevel level : TargetLevel.values()) {
            MonthlyAmounts months = amounts.levels().get(level);
            if (months != null) {
                levels.add(LevelView.of(fiscalYear, level, months));
            }
        }
        return levels;
    }

    record TargetView(UUID id, String externalRef, String fiscalYear, String metric, OwnerBody owner, Dimensions dimensions,
                      String currency, UUID parentTargetId, long version, int versionNumber, int latestVersionNumber,
                      String status, LocalDate effectiveFrom, String reason, List<LevelView> levels) {

        static TargetView of(TargetDetail d) {
            TargetRow t = d.target();
            VersionRow v = d.version();
            return new TargetView(t.id(), t.externalRef(), "FY" + t.fiscalYear(), t.metric().name(),
                    new OwnerBody(t.ownerType().name(), t.ownerId()), t.dimensions(), t.currency(), t.parentTargetId(),
                    t.version(), v.number(), t.currentVersion(), v.status().name(), v.effectiveFrom(), v.reason(),
                    levelViews(t.fiscalYear(), d.amounts()));
        }
    }

    /** A target in a list: no amounts but the TARGET level's year. */
    record TargetSummary(UUID id, String externalRef, String fiscalYear, String metric, OwnerBody owner, Dimensions dimensions,
                         String currency, UUID parentTargetId, long version, int latestVersionNumber) {

        static TargetSummary of(TargetRow t) {
            return new TargetSummary(t.id(), t.externalRef(), "FY" + t.fiscalYear(), t.metric().name(),
                    new OwnerBody(t.ownerType().name(), t.ownerId()), t.dimensions(), t.currency(), t.parentTargetId(),
                    t.version(), t.currentVersion());
        }
    }

    record VersionView(int number, String status, LocalDate effectiveFrom, String reason, String createdBy, Instant createdAt,
                       String publishedBy, Instant publishedAt) {

        static VersionView of(VersionRow v) {
            return new VersionView(v.number(), v.status().name(), v.effectiveFrom(), v.reason(), v.createdBy(), v.createdAt(),
                    v.publishedBy(), v.publishedAt());
        }
    }

    record ChildView(OwnerBody owner, UUID targetId, List<LevelView> levels) {
    }

    record AllocationView(UUID parentTargetId, boolean saved, int childCount,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          List<ChildView> children, Map<String, String> gap) {

        static AllocationView of(int fiscalYear, AllocationService.AllocationResult r) {
            return new AllocationView(r.parentTargetId(), r.saved(), r.children().size(), r.children().stream().map(c -> new ChildView(
                    new OwnerBody(c.ownerType().name(), c.ownerId()), c.targetId(), levelViews(fiscalYear, c.amounts()))).toList(),
                    gap(r));
        }

        /** {@code Prefer: return=minimal}: the count and the gap without the children (10,000 children are ~9 MB of JSON). */
        static AllocationView summary(AllocationService.AllocationResult r) {
            return new AllocationView(r.parentTargetId(), r.saved(), r.children().size(), null, gap(r));
        }

        private static Map<String, String> gap(AllocationService.AllocationResult r) {
            Map<String, String> gap = new java.util.LinkedHashMap<>();
            r.gap().forEach((level, amount) -> gap.put(level.name(), amount.toPlainString()));
            return gap;
        }
    }

    /** One value of a split by dimension: {@code percent} of the parent. */
    record SplitBody(String value, String percent) {
    }

    /** {@code POST /api/targets/{id}/dimension-splits}: dimension PRODUCT_LINE | REGION | CHANNEL | CUSTOMER_SEGMENT. */
    record DimensionSplitBody(String dimension, List<SplitBody> splits, Boolean preview) {
    }

    record DimensionPartView(String value, Dimensions dimensions, UUID targetId, List<LevelView> levels) {
    }

    record DimensionSplitView(UUID parentTargetId, boolean saved, String dimension, List<DimensionPartView> parts) {

        static DimensionSplitView of(int fiscalYear, AllocationService.DimensionSplitResult r) {
            return new DimensionSplitView(r.parentTargetId(), r.saved(), r.dimension().name(), r.parts().stream()
                    .map(p -> new DimensionPartView(p.value(), p.dimensions(), p.targetId(), levelViews(fiscalYear, p.amounts())))
                    .toList());
        }
    }

    record Figures(String topDown, String bottomUp, String gap) {

        static Figures of(BigDecimal topDown, BigDecimal bottomUp, BigDecimal gap) {
            return new Figures(topDown.toPlainString(), bottomUp.toPlainString(), gap.toPlainString());
        }
    }

    record PeriodFigures(String periodKey, Figures figures) {
    }

    /** {@code GET /api/targets/{id}/bottom-up}: top-down, bottom-up and gap for the year, each quarter and month (TARGET level). */
    record BottomUpView(UUID targetId, OwnerBody owner, int childTargets, Figures year, List<PeriodFigures> quarters,
                        List<PeriodFigures> months) {

        static BottomUpView of(AllocationService.BottomUp b) {
            var f = b.figures();
            int fy = b.target().fiscalYear();
            List<PeriodFigures> quarters = new ArrayList<>();
            for (int q = 1; q <= 4; q++) {
                quarters.add(new PeriodFigures("FY" + fy + "-Q" + q,
                        Figures.of(f.topDown().quarter(q), f.bottomUp().quarter(q), f.gap().quarter(q))));
            }
            List<PeriodFigures> months = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                months.add(new PeriodFigures("FY" + fy + String.format("-M%02d", m),
                        Figures.of(f.topDown().month(m), f.bottomUp().month(m), f.gap().month(m))));
            }
            return new BottomUpView(b.target().id(), new OwnerBody(b.target().ownerType().name(), b.target().ownerId()),
                    b.childTargets(), Figures.of(f.topDown().year(), f.bottomUp().year(), f.gap().year()), quarters, months);
        }
    }

    record PageInfo(int number, int size, long totalElements, int totalPages) {
    }

    record Page<T>(List<T> items, PageInfo page) {
    }
}
