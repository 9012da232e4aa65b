package com.quota.pipeline.funnel;

import com.quota.pipeline.funnel.FunnelDeal.StageStay;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.PipelineFixture;
import com.quota.pipeline.pipeline.StageOutcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FunnelTest {

    private final Pipeline pipeline = PipelineFixture.abc();
    private final UUID a = PipelineFixture.code(pipeline, "A").id();
    private final UUID b = PipelineFixture.code(pipeline, "B").id();
    private static final LocalDate START = LocalDate.of(2026, 9, 1);

    private FunnelDeal deal(String amount, int furthest, StageOutcome outcome, int cycleDays, String reason, String competitor,
                            StageStay... stays) {
        return new FunnelDeal(UUID.randomUUID(), new BigDecimal(amount), START, furthest, outcome,
                outcome == null ? null : START.plusDays(cycleDays), reason, competitor, List.of(stays));
    }

    @Test
    void conversionDaysWinRateVelocityAndLosses() {
        List<FunnelDeal> deals = List.of(
                deal("100.00", 2, StageOutcome.WON, 30, null, null, new StageStay(a, 10), new StageStay(b, 8)),
                deal("300.00", 1, StageOutcome.WON, 50, null, null, new StageStay(a, 20)), // skipped C, still reached it
                deal("200.00", 1, StageOutcome.LOST, 40, "price", "Beifang", new StageStay(a, 5)),
                deal("400.00", 0, StageOutcome.LOST, 20, "price", "Beifang"),
                deal("500.00", 0, null, 0, null, null));
        FunnelReport report = Funnel.of(pipeline.openStages(), deals, 2);

        assertThat(report.stages()).extracting(FunnelReport.StageFigures::reached).containsExactly(5, 3, 2);
        assertThat(report.stages().get(0).amount()).isEqualByComparingTo("1500.00");
        assertThat(report.stages().get(0).conversion()).isEqualByComparingTo("60.00"); // 3 of 5 reached B
        assertThat(report.stages().get(1).conversion()).isEqualByComparingTo("66.67"); // 2 of 3 reached C
        assertThat(report.stages().get(2).conversion()).isEqualByComparingTo("100.00"); // both reached WON
        assertThat(report.stages().get(0).averageDaysInStage()).isEqualByComparingTo("11.67"); // (10+20+5)/3
        assertThat(report.stages().get(2).averageDaysInStage()).isNull();
        assertThat(report.winRate()).isEqualByComparingTo("50.00");
        assertThat(report.averageWonAmount()).isEqualByComparingTo("200.00");
        assertThat(report.averageCycleDays()).isEqualByComparingTo("40.00");
        // 1 open × 200.00 × 50% ÷ 40 days = 2.50 per day
        assertThat(report.salesVelocity()).isEqualByComparingTo("2.50");
        assertThat(report.lossesByCompetitor()).containsExactly(new FunnelReport.LossGroup("Beifang", 2, new BigDecimal("600.00")));
        assertThat(report.lossesByReason()).extracting(FunnelReport.LossGroup::key).containsExactly("price");
    }

    @Test
    void ratesAreNullNotZeroWhenTheirBaseIsZero() {
        FunnelReport report = Funnel.of(pipeline.openStages(), List.of(), 2);
        assertThat(report.winRate()).isNull();
        assertThat(report.salesVelocity()).isNull();
        assertThat(report.stages()).allSatisfy(s -> assertThat(s.conversion()).isNull());
    }

    @Test
    void sumsMadeByGroupGiveTheSameFunnelAsTheDealsBehindThem() {
        List<FunnelDeal> deals = List.of(
                deal("100.00", 2, StageOutcome.WON, 30, null, null, new StageStay(a, 10), new StageStay(b, 8)),
                deal("300.00", 1, StageOutcome.WON, 50, null, null, new StageStay(a, 20)),
                deal("200.00", 1, StageOutcome.LOST, 40, "price", "Beifang", new StageStay(a, 5)),
                deal("400.00", 0, StageOutcome.LOST, 20, "price", "Beifang"),
                deal("500.00", 0, null, 0, null, null));
        // what the database sends: deals grouped by furthest stage, outcome, competitor and reason; stays per stage
        FunnelTally tally = new FunnelTally(pipeline.openStages().size());
        tally.addDeals(2, StageOutcome.WON, null, null, 2, new BigDecimal("400.00"), 80);
        tally.addDeals(1, StageOutcome.LOST, "Beifang", "price", 1, new BigDecimal("200.00"), 0);
        tally.addDeals(0, StageOutcome.LOST, "Beifang", "price", 1, new BigDecimal("400.00"), 0);
        tally.addDeals(0, null, null, null, 1, new BigDecimal("500.00"), 0);
        tally.addStays(a, 35, 3);
        tally.addStays(b, 8, 1);
        assertThat(Funnel.of(pipeline.openStages(), tally, 2)).isEqualTo(Funnel.of(pipeline.openStages(), deals, 2));
    }
}
