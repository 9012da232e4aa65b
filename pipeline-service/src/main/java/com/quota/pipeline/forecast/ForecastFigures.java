package com.quota.pipeline.forecast;

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
        BigDecimal amount = line.deal().reportingAmount();
        if (line.closed()) {
            return new ForecastFigures(closed.add(amount), commit.add(amount), bestCase.add(amount), pipeline.add(amount),
                    weighted.add(line.weightedAmount()), openDeals, closedDeals + 1);
        }
        BigDecimal commitPart = BigDecimal.ZERO;
        BigDecimal bestPart = BigDecimal.ZERO;
        BigDecimal pipelinePart = BigDecimal.ZERO;
        switch (line.category()) {
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
        return new ForecastFigures(closed, newCommit, newBest, newPipeline, weighted.add(line.weightedAmount()),
                openDeals + 1, closedDeals);
    }
}
