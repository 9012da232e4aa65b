package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoDataset.OwnerType;
import com.quota.localstack.demo.DemoDataset.TargetPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** target-service's history demo step: last year's actuals for every owner and metric, every level adding up. */
class DemoHistoryStepsTest {

    private final DemoCompany company = DemoCompanyReader.read();
    private final DemoDataset data = new DemoDataGenerator(company).generate();

    @Test
    void everyOwnerHasTwelveMonthsOfLastYearAndEveryUnitIsTheSumOfWhatIsBelowIt() {
        List<DemoHistorySteps.Actual> actuals = DemoHistorySteps.lastYearActuals(company, data);
        List<String> metrics = data.targets().stream().map(TargetPlan::metric).distinct().toList();

        assertThat(actuals).hasSize((company.reps().size() + company.unitsParentsFirst().size()) * metrics.size());
        assertThat(actuals).allSatisfy(a -> {
            assertThat(a.fiscalYear()).isEqualTo(data.fiscalYear() - 1);
            assertThat(a.months()).hasSize(12).allSatisfy(m -> assertThat(m.signum()).isNotNegative());
        });
        for (String metric : metrics) {
            Map<UUID, List<BigDecimal>> byOwner = actuals.stream().filter(a -> a.metric().equals(metric))
                    .collect(Collectors.toMap(DemoHistorySteps.Actual::ownerId, DemoHistorySteps.Actual::months));
            // each rep: its share (80–105%) of this year's target, month by month
            data.targets().stream().filter(p -> p.metric().equals(metric) && p.ownerType() == OwnerType.REP).forEach(plan -> {
                BigDecimal share = DemoHistorySteps.shareOfTarget(plan.ownerId());
                assertThat(share).isBetween(new BigDecimal("0.80"), new BigDecimal("1.05"));
                assertThat(byOwner.get(plan.ownerId()).get(5))
                        .isEqualByComparingTo(plan.months().get(5).multiply(share).setScale(plan.months().get(5).scale(),
                                java.math.RoundingMode.HALF_EVEN));
            });
            // each unit, every month: Σ of its reps and child units
            for (DemoCompany.Unit unit : company.unitsParentsFirst()) {
                for (int m = 0; m < 12; m++) {
                    int month = m;
                    BigDecimal below = company.repsOf(unit.id()).stream().map(r -> byOwner.get(r.id()).get(month))
                            .reduce(BigDecimal.ZERO, BigDecimal::add)
                            .add(company.childrenOf(unit.id()).stream().map(c -> byOwner.get(c.id()).get(month))
                                    .reduce(BigDecimal.ZERO, BigDecimal::add));
                    assertThat(byOwner.get(unit.id()).get(m)).as(unit.code() + " month " + (m + 1)).isEqualByComparingTo(below);
                }
            }
        }
        // the reps did not all do the same share
        assertThat(company.reps().stream().map(r -> DemoHistorySteps.shareOfTarget(r.id())).distinct().count()).isGreaterThan(5);
    }

    @Test
    void theStepLoadsThemAllThroughTheApiAfterTheOrgTreeInRequestsOfBoundedSize() {
        List<DemoStep> steps = DemoSteps.all(company, data, line -> { });
        DemoStep history = steps.stream().filter(s -> s.name().equals(DemoHistorySteps.LAST_YEAR_ACTUALS)).findFirst().orElseThrow();
        assertThat(history.endpoint()).isEqualTo("POST /api/targets/historical-actuals");
        assertThat(history.needs()).contains(DemoSteps.ORG_UNITS, DemoSteps.REPS);
        int expectedRows = DemoHistorySteps.lastYearActuals(company, data).size() * 12;
        assertThat(history.calls()).hasSize((expectedRows + DemoHistorySteps.ROWS_PER_CALL - 1) / DemoHistorySteps.ROWS_PER_CALL);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (DemoStep.Call call : history.calls()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) call.request().apply(ref -> java.util.Optional.empty()).body();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> chunk = (List<Map<String, Object>>) body.get("rows");
            assertThat(chunk).hasSizeLessThanOrEqualTo(DemoHistorySteps.ROWS_PER_CALL);
            rows.addAll(chunk);
        }
        assertThat(rows).hasSize(expectedRows);
        assertThat(rows.get(0)).containsKeys("ownerType", "ownerId", "metric", "fiscalYear", "month", "amount");
        assertThat(steps.indexOf(history)).isGreaterThan(steps.stream().map(DemoStep::name).toList().indexOf(DemoSteps.REPS));
    }
}
