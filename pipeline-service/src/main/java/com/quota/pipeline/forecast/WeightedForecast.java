package com.quota.pipeline.forecast;

import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.pipeline.ForecastCategory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The weighted forecast by month of expected close: each open deal weighs amount × probability, rounded HALF_EVEN to
 * the minor unit per deal before summing, so every bucket and the total are exactly the sum of their lines.
 * Suspended, lost, terminated and archived deals are left out; OMITTED deals are in no category.
 */
public final class WeightedForecast {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<ForecastLine> lines;
    private final Map<String, ForecastFigures> buckets;
    private final ForecastFigures total;

    private WeightedForecast(List<ForecastLine> lines, Map<String, ForecastFigures> buckets, ForecastFigures total) {
        this.lines = lines;
        this.buckets = buckets;
        this.total = total;
    }

    /**
     * @param probabilityByStage the win probability in percent of each open stage (stage probability or a chain)
     * @param bucketOf           the bucket (e.g. fiscal month key) of a forecast date
     * @param scale              the reporting currency's minor unit
     */
    public static WeightedForecast of(List<ForecastDeal> deals, Function<UUID, BigDecimal> probabilityByStage,
                                      Function<java.time.LocalDate, String> bucketOf, int scale) {
        List<ForecastLine> lines = new ArrayList<>();
        for (ForecastDeal deal : deals) {
            line(deal, probabilityByStage, scale).ifPresent(lines::add);
        }
        Map<String, ForecastFigures> buckets = new TreeMap<>();
        ForecastFigures total = ForecastFigures.zero(scale);
        for (ForecastLine line : lines) {
            buckets.merge(bucketOf.apply(line.deal().forecastDate()), ForecastFigures.zero(scale).plus(line),
                    (existing, ignored) -> existing.plus(line));
            total = total.plus(line);
        }
        return new WeightedForecast(List.copyOf(lines), buckets, total);
    }

    /**
     * The figures from groups of deals already summed (by the database), without lines: the same buckets and total
     * as {@link #of} over the deals behind the groups.
     */
    public static WeightedForecast ofGroups(List<ForecastGroup> groups, Function<java.time.LocalDate, String> bucketOf, int scale) {
        Map<String, ForecastFigures> buckets = new TreeMap<>();
        ForecastFigures total = ForecastFigures.zero(scale);
        for (ForecastGroup g : groups) {
            BigDecimal amount = g.amount().setScale(scale, RoundingMode.HALF_EVEN);
            BigDecimal weighted = g.weightedAmount().setScale(scale, RoundingMode.HALF_EVEN);
            buckets.merge(bucketOf.apply(g.forecastDate()),
                    ForecastFigures.zero(scale).plus(g.closed(), g.category(), amount, weighted, g.deals()),
                    (existing, ignored) -> existing.plus(g.closed(), g.category(), amount, weighted, g.deals()));
            total = total.plus(g.closed(), g.category(), amount, weighted, g.deals());
        }
        return new WeightedForecast(List.of(), buckets, total);
    }

    /** The figures of {@code figures} with these lines behind them (the drill-down). */
    public static WeightedForecast withLines(WeightedForecast figures, List<ForecastLine> lines) {
        return new WeightedForecast(List.copyOf(lines), figures.buckets, figures.total);
    }

    private static java.util.Optional<ForecastLine> line(ForecastDeal deal, Function<UUID, BigDecimal> probabilityByStage,
                                                         int scale) {
        BigDecimal amount = deal.reportingAmount().setScale(scale, RoundingMode.HALF_EVEN);
        // categories add the amounts themselves: keep them at the minor unit too
        deal = new ForecastDeal(deal.opportunityId(), deal.title(), deal.ownerRepIds(), deal.status(), deal.stage(),
                deal.forecastDate(), deal.datePlaced(), amount);
        if (deal.status() == OpportunityStatus.WON) {
            return java.util.Optional.of(new ForecastLine(deal, true, null, HUNDRED, amount));
        }
        if (deal.status() != OpportunityStatus.OPEN) {
            return java.util.Optional.empty();
        }
        BigDecimal probability = probabilityByStage.apply(deal.stage().id());
        if (probability == null) {
            probability = BigDecimal.valueOf(deal.stage().probability());
        }
        BigDecimal weighted = weigh(amount, probability, scale);
        ForecastCategory category = deal.stage().forecastCategory();
        return java.util.Optional.of(new ForecastLine(deal, false, category, probability, weighted));
    }

    /** amount × probability ÷ 100, HALF_EVEN to {@code scale}. */
    public static BigDecimal weigh(BigDecimal amount, BigDecimal probabilityPercent, int scale) {
        return amount.multiply(probabilityPercent).divide(HUNDRED, scale, RoundingMode.HALF_EVEN);
    }

    /** Every deal's line: the drill-down behind each figure. */
    public List<ForecastLine> lines() {
        return lines;
    }

    /** The figures per bucket, in bucket order. */
    public Map<String, ForecastFigures> buckets() {
        return buckets;
    }

    public ForecastFigures total() {
        return total;
    }
}
