package com.quota.pipeline.forecast;

import com.quota.pipeline.pipeline.ForecastCategory;

import java.math.BigDecimal;

/**
 * The cumulative categories of one bucket (or the total): closed = won; commit = closed + open COMMIT; best case =
 * commit + open BEST_CASE; pipeline = best case + open PIPELINE; weighted = closed + Σ open weighted amounts.
 */
public record ForecastFigures(BigDecimal closed, BigDecimal commit, BigDecimal bestCase, BigDecimal pipeline,
                              BigDecimal weighted, int openDeals, int closedDeals) {

    static ForecastFigures zero(int scale) {
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        return new ForecastFigures(zero, zero, zero, zero, zero, 0, 0);
    }

    ForecastFigures plus(ForecastLine line) {
        return plus(line.closed(), line.category(), line.deal().reportingAmount(), line.weightedAmount(), 1);
    }

    /** Adds {@code deals} deals of one kind whose amounts and (per deal rounded) weighted amounts sum as given. */
    ForecastFigures plus(boolean isClosed, ForecastCategory category, BigDecimal amount, BigDecimal weightedAmount, int deals) {
        if (isClosed) {
            return new ForecastFigures(closed.add(amount), commit.add(amount), bestCase.add(amount), pipeline.add(amount),
                    weighted.add(weightedAmount), openDeals, closedDeals + deals);
        }
        BigDecimal commitPart = BigDecimal.ZERO;
        BigDecimal bestPart = BigDecimal.ZERO;
        BigDecimal pipelinePart = BigDecimal.ZERO;
        switch (category) {
            case COMMIT -> commitPart = amount;
            case BEST_CASE -> bestPart = amount;
            case PIPELINE -> pipelinePart = amount;
            case OMITTED -> {
                // counts in no category, but its weighted amount still counts
            }
        }
        BigDecimal newCommit = commit.add(commitPart);
        BigDecimal newBest = bestCase.add(commitPart).add(bestPart);
        BigDecimal newPipeline = pipeline.add(commitPart).add(bestPart).add(pipelinePart);
        return new ForecastFigures(closed, newCommit, newBest, newPipeline, weighted.add(weightedAmount),
                openDeals + deals, closedDeals);
    }
}
