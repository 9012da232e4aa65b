package com.quota.pipeline.funnel;

import com.quota.money.Percentages;
import com.quota.pipeline.funnel.FunnelReport.LossGroup;
import com.quota.pipeline.funnel.FunnelReport.StageFigures;
import com.quota.pipeline.pipeline.Stage;
import com.quota.pipeline.pipeline.StageOutcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Funnel arithmetic of DOMAIN.md: per open stage the deals that reached it and their amount, measured
 * stage-to-next conversion, average days in stage; win rate = won ÷ (won + lost); sales velocity = open deals ×
 * average won amount × win rate ÷ average cycle days (per day); losses by competitor and reason.
 */
public final class Funnel {

    private Funnel() {
    }

    /**
     * @param openStages the pipeline's open stages in order
     * @param scale      the reporting currency's minor unit
     */
    public static FunnelReport of(List<Stage> openStages, List<FunnelDeal> deals, int scale) {
        FunnelTally tally = new FunnelTally(openStages.size());
        for (FunnelDeal deal : deals) {
            long cycle = deal.outcome() == StageOutcome.WON
                    ? Math.max(0, ChronoUnit.DAYS.between(deal.createdOn(), deal.closeDate())) : 0;
            tally.addDeals(deal.furthestOpenIndex(), deal.outcome(), deal.competitor(), deal.lossReason(), 1,
                    deal.reportingAmount(), cycle);
            for (FunnelDeal.StageStay stay : deal.completedStays()) {
                tally.addStays(stay.stageId(), stay.days(), 1);
            }
        }
        return of(openStages, tally, scale);
    }

    /** The funnel from sums made elsewhere (the database): the same figures as over the deals behind them. */
    public static FunnelReport of(List<Stage> openStages, FunnelTally tally, int scale) {
        int n = openStages.size();
        int[] reached = new int[n];
        BigDecimal[] amounts = new BigDecimal[n];
        int reachedSoFar = 0;
        BigDecimal amountSoFar = BigDecimal.ZERO.setScale(scale);
        // a deal that ended at stage j reached every stage up to j
        for (int i = n - 1; i >= 0; i--) {
            reachedSoFar += tally.endedAt[i];
            amountSoFar = amountSoFar.add(tally.endedAtAmount[i]);
            reached[i] = reachedSoFar;
            amounts[i] = amountSoFar;
        }
        int won = tally.won;
        int lost = tally.lost;
        List<StageFigures> figures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? reached[i + 1] : won;
            Stage stage = openStages.get(i);
            long[] stay = tally.stays.get(stage.id());
            figures.add(new StageFigures(stage.id(), stage.code(), stage.name(), reached[i], amounts[i],
                    percent(BigDecimal.valueOf(next), BigDecimal.valueOf(reached[i])),
                    stay == null || stay[1] == 0 ? null
                            : BigDecimal.valueOf(stay[0]).divide(BigDecimal.valueOf(stay[1]), 2, RoundingMode.HALF_EVEN)));
        }
        BigDecimal winRate = percent(BigDecimal.valueOf(won), BigDecimal.valueOf(won + lost));
        BigDecimal averageWon = won == 0 ? null : tally.wonAmount.divide(BigDecimal.valueOf(won), scale, RoundingMode.HALF_EVEN);
        BigDecimal averageCycle = won == 0 ? null
                : BigDecimal.valueOf(tally.cycleDays).divide(BigDecimal.valueOf(won), 2, RoundingMode.HALF_EVEN);
        BigDecimal velocity = velocity(tally.open, tally.wonAmount, won, lost, tally.cycleDays, scale);
        return new FunnelReport(figures, won, lost, tally.open, winRate, averageWon, averageCycle, velocity,
                losses(tally.byCompetitor), losses(tally.byReason));
    }

    /**
     * open × (wonAmount ÷ won) × (won ÷ (won + lost)) ÷ (cycleDays ÷ won), computed exactly then rounded once;
     * null when there is no win or the average cycle is 0 days.
     */
    static BigDecimal velocity(int open, BigDecimal wonAmount, int won, int lost, long cycleDays, int scale) {
        if (won == 0 || cycleDays == 0) {
            return null;
        }
        // = open × wonAmount × won ÷ ((won + lost) × cycleDays)
        BigDecimal numerator = wonAmount.multiply(BigDecimal.valueOf(open)).multiply(BigDecimal.valueOf(won));
        BigDecimal denominator = BigDecimal.valueOf((long) (won + lost) * cycleDays);
        return numerator.divide(denominator, scale, RoundingMode.HALF_EVEN);
    }

    /** part ÷ base × 100, HALF_EVEN 2 decimals; null when base is 0 (DOMAIN.md). */
    static BigDecimal percent(BigDecimal part, BigDecimal base) {
        return Percentages.percent(part, base);
    }

    private static List<LossGroup> losses(Map<String, FunnelTally.Sum> sums) {
        List<LossGroup> groups = new ArrayList<>();
        sums.forEach((k, sum) -> groups.add(new LossGroup(k, sum.count(), sum.amount())));
        groups.sort(Comparator.comparingInt(LossGroup::count).reversed().thenComparing(LossGroup::key));
        return groups;
    }

    /** Measured stage-to-next conversion rates in percent per stage id (for the measured conversion chain). */
    public static Map<java.util.UUID, BigDecimal> measuredRates(FunnelReport report) {
        Map<java.util.UUID, BigDecimal> rates = new LinkedHashMap<>();
        report.stages().forEach(s -> rates.put(s.stageId(), s.conversion()));
        return rates;
    }
}
