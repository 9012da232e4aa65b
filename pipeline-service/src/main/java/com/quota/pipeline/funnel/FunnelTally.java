package com.quota.pipeline.funnel;

import com.quota.pipeline.pipeline.StageOutcome;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sums a funnel is computed from, filled deal by deal ({@link Funnel#of}) or group by group from the database:
 * per open stage the deals whose furthest stage it is, finished stays per stage, outcomes, won amount and cycle days,
 * losses by competitor and by reason.
 */
public final class FunnelTally {

    /** Counted deals and their summed reporting amount. */
    record Sum(int count, BigDecimal amount) {
        Sum plus(int c, BigDecimal a) {
            return new Sum(count + c, amount.add(a));
        }
    }

    private final int stages;
    final int[] endedAt;
    final BigDecimal[] endedAtAmount;
    final Map<UUID, long[]> stays = new HashMap<>();
    int won;
    int lost;
    int open;
    BigDecimal wonAmount = BigDecimal.ZERO;
    long cycleDays;
    final Map<String, Sum> byCompetitor = new LinkedHashMap<>();
    final Map<String, Sum> byReason = new LinkedHashMap<>();

    /** @param stages the number of open stages of the pipeline */
    public FunnelTally(int stages) {
        this.stages = stages;
        this.endedAt = new int[stages];
        this.endedAtAmount = new BigDecimal[stages];
        for (int i = 0; i < stages; i++) {
            endedAtAmount[i] = BigDecimal.ZERO;
        }
    }

    /**
     * Adds {@code count} deals that reached at most open stage {@code furthestOpenIndex} (a won deal counts as having
     * passed every stage, even one it skipped).
     *
     * @param amount    their summed reporting amount
     * @param cycleDays their summed days from creation to the win (won deals only)
     */
    public void addDeals(int furthestOpenIndex, StageOutcome outcome, String competitor, String lossReason, int count,
                         BigDecimal amount, long cycleDays) {
        int furthest = outcome == StageOutcome.WON ? stages - 1 : Math.min(Math.max(furthestOpenIndex, 0), stages - 1);
        if (furthest >= 0) {
            endedAt[furthest] += count;
            endedAtAmount[furthest] = endedAtAmount[furthest].add(amount);
        }
        if (outcome == StageOutcome.WON) {
            won += count;
            wonAmount = wonAmount.add(amount);
            this.cycleDays += cycleDays;
        } else if (outcome == StageOutcome.LOST) {
            lost += count;
            byCompetitor.merge(competitor == null ? "(none)" : competitor, new Sum(count, amount), (a, b) -> a.plus(count, amount));
            byReason.merge(lossReason == null ? "(none)" : lossReason, new Sum(count, amount), (a, b) -> a.plus(count, amount));
        } else {
            open += count;
        }
    }

    /** Adds {@code count} finished stays in an open stage lasting {@code days} whole days in all. */
    public void addStays(UUID stageId, long days, long count) {
        long[] sum = stays.computeIfAbsent(stageId, k -> new long[2]);
        sum[0] += days;
        sum[1] += count;
    }

    int stages() {
        return stages;
    }
}
