package com.quota.pipeline.forecast;

import com.quota.pipeline.opportunity.OpportunityStatus;
import com.quota.pipeline.pipeline.Pipeline;
import com.quota.pipeline.pipeline.PipelineFixture;
import com.quota.pipeline.pipeline.Stage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class WeightedForecastTest {

    private final Pipeline pipeline = PipelineFixture.abc();
    private final Stage a = PipelineFixture.code(pipeline, "A"); // 10%, PIPELINE
    private final Stage b = PipelineFixture.code(pipeline, "B"); // 40%, BEST_CASE
    private final Stage c = PipelineFixture.code(pipeline, "C"); // 70%, COMMIT
    private static final Function<LocalDate, String> MONTH = d -> d.getYear() + "-" + String.format("%02d", d.getMonthValue());

    private ForecastDeal deal(OpportunityStatus status, Stage stage, String date, String amount) {
        return new ForecastDeal(UUID.randomUUID(), "deal", List.of(UUID.randomUUID()), status, stage, LocalDate.parse(date),
                false, new BigDecimal(amount));
    }

    @Test
    void weighsByStageProbabilityPerMonthWithCumulativeCategories() {
        List<ForecastDeal> deals = List.of(
                deal(OpportunityStatus.WON, pipeline.wonStage(), "2026-11-03", "1000.00"),
                deal(OpportunityStatus.OPEN, c, "2026-11-25", "2000.00"),
                deal(OpportunityStatus.OPEN, b, "2026-11-28", "3000.00"),
                deal(OpportunityStatus.OPEN, a, "2026-12-10", "4000.00"),
                deal(OpportunityStatus.SUSPENDED, c, "2026-11-26", "9999.00"),
                deal(OpportunityStatus.LOST, pipeline.lostStage(), "2026-11-26", "5555.00"));
        WeightedForecast forecast = WeightedForecast.of(deals, stageId -> null, MONTH, 2);

        ForecastFigures november = forecast.buckets().get("2026-11");
        assertThat(november.closed()).isEqualByComparingTo("1000.00");
        assertThat(november.commit()).isEqualByComparingTo("3000.00");
        assertThat(november.bestCase()).isEqualByComparingTo("6000.00");
        assertThat(november.pipeline()).isEqualByComparingTo("6000.00");
        // 1000 + 2000 × 70% + 3000 × 40%
        assertThat(november.weighted()).isEqualByComparingTo("3600.00");
        assertThat(forecast.buckets().get("2026-12").weighted()).isEqualByComparingTo("400.00");
        assertThat(forecast.buckets().get("2026-12").pipeline()).isEqualByComparingTo("4000.00");
        assertThat(forecast.total().weighted()).isEqualByComparingTo("4000.00");
        assertThat(forecast.lines()).hasSize(4); // suspended and lost deals are in none
        // an amount stored with more decimals (numeric(19,4)) is shown at the minor unit
        WeightedForecast stored = WeightedForecast.of(List.of(deal(OpportunityStatus.WON, pipeline.wonStage(), "2026-11-03",
                "2000.0000")), stageId -> null, MONTH, 2);
        assertThat(stored.total().closed().toPlainString()).isEqualTo("2000.00");
    }

    @Test
    void theConversionChainWeighsTheDomainExample() {
        Map<UUID, BigDecimal> chain = ConversionChain.configured(pipeline.openStages());
        List<ForecastDeal> deals = List.of(
                deal(OpportunityStatus.OPEN, a, "2026-11-25", "1000.00"),
                deal(OpportunityStatus.OPEN, b, "2026-11-25", "1000.00"),
                deal(OpportunityStatus.OPEN, c, "2026-11-25", "1000.00"));
        WeightedForecast forecast = WeightedForecast.of(deals, chain::get, MONTH, 2);
        assertThat(forecast.lines()).extracting(ForecastLine::weightedAmount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("180.00"), new BigDecimal("450.00"), new BigDecimal("600.00"));
    }

    @Test
    void eachDealIsRoundedHalfEvenBeforeSumming() {
        // 0.05 × 10% = 0.005 → 0.00 (half even), three times: 0.00, while the unrounded sum would round to 0.02
        List<ForecastDeal> deals = List.of(
                deal(OpportunityStatus.OPEN, a, "2026-11-25", "0.05"),
                deal(OpportunityStatus.OPEN, a, "2026-11-25", "0.05"),
                deal(OpportunityStatus.OPEN, a, "2026-11-25", "0.05"),
                deal(OpportunityStatus.OPEN, a, "2026-11-25", "0.15"));
        WeightedForecast forecast = WeightedForecast.of(deals, stageId -> null, MONTH, 2);
        assertThat(forecast.total().weighted()).isEqualByComparingTo("0.02"); // 0 + 0 + 0 + 0.015 → 0.02
    }

    @Test
    void everyTotalIsExactlyTheSumOfItsRoundedParts() {
        List<Stage> stages = pipeline.openStages();
        qt().withExamples(200).forAll(lists().of(integers().between(1, 99_999_999)).ofSizeBetween(0, 40),
                        integers().between(0, 100))
                .checkAssert((cents, rate) -> {
                    List<ForecastDeal> deals = new ArrayList<>();
                    for (int i = 0; i < cents.size(); i++) {
                        deals.add(deal(OpportunityStatus.OPEN, stages.get(i % 3), "2026-" + String.format("%02d", 1 + i % 12) + "-15",
                                BigDecimal.valueOf(cents.get(i), 2).toPlainString()));
                    }
                    // a chain probability with many decimals so per-deal rounding matters
                    BigDecimal probability = new BigDecimal(rate).multiply(new BigDecimal("0.3333333"));
                    WeightedForecast forecast = WeightedForecast.of(deals, id -> probability, MONTH, 2);
                    BigDecimal sumOfLines = forecast.lines().stream().map(ForecastLine::weightedAmount)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal sumOfBuckets = forecast.buckets().values().stream().map(ForecastFigures::weighted)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal pipelineOfBuckets = forecast.buckets().values().stream().map(ForecastFigures::pipeline)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(forecast.total().weighted()).isEqualByComparingTo(sumOfLines).isEqualByComparingTo(sumOfBuckets);
                    assertThat(forecast.total().pipeline()).isEqualByComparingTo(pipelineOfBuckets);
                    assertThat(forecast.lines()).allSatisfy(line -> assertThat(line.weightedAmount().scale()).isEqualTo(2));
                    assertThat(forecast.total().commit()).isLessThanOrEqualTo(forecast.total().bestCase());
                    assertThat(forecast.total().bestCase()).isLessThanOrEqualTo(forecast.total().pipeline());
                });
    }

    @Test
    void figuresFromGroupsSummedElsewhereEqualTheFiguresOfTheDealsBehindThem() {
        List<Stage> stages = pipeline.openStages();
        qt().withExamples(100).forAll(lists().of(integers().between(1, 99_999_999)).ofSizeBetween(0, 40))
                .checkAssert(cents -> {
                    List<ForecastDeal> deals = new ArrayList<>();
                    for (int i = 0; i < cents.size(); i++) {
                        boolean won = i % 4 == 3;
                        deals.add(deal(won ? OpportunityStatus.WON : OpportunityStatus.OPEN,
                                won ? pipeline.wonStage() : stages.get(i % 3), "2026-" + String.format("%02d", 1 + i % 5) + "-15",
                                BigDecimal.valueOf(cents.get(i), 2).toPlainString()));
                    }
                    WeightedForecast byDeal = WeightedForecast.of(deals, id -> null, MONTH, 2);
                    // what the database does: sum the rounded lines per date, closed/open and category
                    Map<String, ForecastGroup> groups = new java.util.LinkedHashMap<>();
                    for (ForecastLine line : byDeal.lines()) {
                        String key = line.deal().forecastDate() + "/" + line.closed() + "/" + line.deal().stage().forecastCategory();
                        ForecastGroup g = groups.get(key);
                        groups.put(key, new ForecastGroup(line.deal().forecastDate(), line.closed(), line.deal().stage().forecastCategory(),
                                (g == null ? 0 : g.deals()) + 1,
                                (g == null ? BigDecimal.ZERO : g.amount()).add(line.deal().reportingAmount()),
                                (g == null ? BigDecimal.ZERO : g.weightedAmount()).add(line.weightedAmount())));
                    }
                    WeightedForecast summed = WeightedForecast.ofGroups(List.copyOf(groups.values()), MONTH, 2);
                    assertThat(summed.total()).isEqualTo(byDeal.total());
                    assertThat(summed.buckets()).isEqualTo(byDeal.buckets());
                });
    }
}
