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
import java.util.function.Function;

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
        int n = openStages.size();
        int[] reached = new int[n];
        BigDecimal[] amounts = new BigDecimal[n];
        long[] stayDays = new long[n];
        int[] stays = new int[n];
        for (int i = 0; i < n; i++) {
            amounts[i] = BigDecimal.ZERO.setScale(scale);
        }
        Map<java.util.UUID, Integer> indexOf = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            indexOf.put(openStages.get(i).id(), i);
        }
        int won = 0;
        int lost = 0;
        int open = 0;
        BigDecimal wonAmount = BigDecimal.ZERO;
        long cycleDays = 0;
        for (FunnelDeal deal : deals) {
            // a won deal went through every stage, even one it skipped
            int furthest = deal.outcome() == StageOutcome.WON ? n - 1 : Math.min(deal.furthestOpenIndex(), n - 1);
            for (int i = 0; i <= furthest; i++) {
                reached[i]++;
                amounts[i] = amounts[i].add(deal.reportingAmount());
            }
            for (FunnelDeal.StageStay stay : deal.completedStays()) {
                Integer i = indexOf.get(stay.stageId());
                if (i != null) {
                    stayDays[i] += stay.days();
                    stays[i]++;
                }
            }
            if (deal.outcome() == StageOutcome.WON) {
                won++;
                wonAmount = wonAmount.add(deal.reportingAmount());
                cycleDays += Math.max(0, ChronoUnit.DAYS.between(deal.createdOn(), deal.closeDate()));
            } else if (deal.outcome() == StageOutcome.LOST) {
                lost++;
            } else {
                open++;
            }
        }
        List<StageFigures> figures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? reached[i + 1] : won;
            Stage stage = openStages.get(i);
            figures.add(new StageFigures(stage.id(), stage.code(), stage.name(), reached[i], amounts[i],
                    percent(BigDecimal.valueOf(next), BigDecimal.valueOf(reached[i])),
                    stays[i] == 0 ? null : BigDecimal.valueOf(stayDays[i]).divide(BigDecimal.valueOf(stays[i]), 2, RoundingMode.HALF_EVEN)));
        }
        BigDecimal winRate = percent(BigDecimal.valueOf(won), BigDecimal.valueOf(won + lost));
        BigDecimal averageWon = won == 0 ? null : wonAmount.divide(BigDecimal.valueOf(won), scale, RoundingMode.HALF_EVEN);
        BigDecimal averageCycle = won == 0 ? null : BigDecimal.valueOf(cycleDays).divide(BigDecimal.valueOf(won), 2, RoundingMode.HALF_EVEN);
        BigDecimal velocity = velocity(open, wonAmount, won, lost, cycleDays, scale);
        return new FunnelReport(figures, won, lost, open, winRate, averageWon, averageCycle, velocity,
                losses(deals, FunnelDeal::competitor), losses(deals, FunnelDeal::lossReason));
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

    private static List<LossGroup> losses(List<FunnelDeal> deals, Function<FunnelDeal, String> key) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (FunnelDeal deal : deals) {
            if (deal.outcome() != StageOutcome.LOST) {
                continue;
            }
            String k = key.apply(deal) == null ? "(none)" : key.apply(deal);
            counts.computeIfAbsent(k, x -> new int[1])[0]++;
            amounts.merge(k, deal.reportingAmount(), BigDecimal::add);
        }
        List<LossGroup> groups = new ArrayList<>();
        counts.forEach((k, c) -> groups.add(new LossGroup(k, c[0], amounts.get(k))));
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
