package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoDataset.Opportunity;
import com.quota.localstack.demo.DemoDataset.OpportunityStatus;
import com.quota.localstack.demo.DemoDataset.TargetPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** target-service's closing demo steps: next year's drafts, and a pace evaluation that finds a spread. */
class DemoAttainmentStepsTest {

    private final DemoCompany company = DemoCompanyReader.read();
    private final DemoDataset data = new DemoDataGenerator(company).generate();

    @Test
    void nextYearsBookingsTargetsAreDraftsTenPercentUpForEveryOwnerAndAddUp() {
        List<TargetPlan> drafts = DemoAttainmentSteps.nextYearDrafts(data);
        List<TargetPlan> thisYear = data.targets().stream().filter(p -> p.metric().equals("BOOKINGS")).toList();

        assertThat(drafts).hasSameSizeAs(thisYear).isNotEmpty();
        for (int i = 0; i < drafts.size(); i++) {
            TargetPlan draft = drafts.get(i);
            TargetPlan now = thisYear.get(i);
            assertThat(draft.fiscalYear()).isEqualTo(data.fiscalYear() + 1);
            assertThat(draft.ownerId()).isEqualTo(now.ownerId());
            assertThat(draft.externalRef()).isEqualTo(now.externalRef().replace("FY" + data.fiscalYear(), "FY" + (data.fiscalYear() + 1)));
            assertThat(draft.months().get(0)).isEqualByComparingTo(now.months().get(0).multiply(new BigDecimal("1.10")));
            assertThat(draft.months().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(draft.annual().amount());
        }
        // they stay DRAFT: the load never submits them
        List<DemoStep> steps = DemoSteps.all(company, data, line -> { });
        assertThat(steps).noneMatch(s -> s.pathTemplate().startsWith("/api/targets/{id}/")
                && s.needs().contains(DemoAttainmentSteps.NEXT_YEAR_DRAFTS));
        assertThat(steps.get(steps.size() - 2).name()).isEqualTo(DemoAttainmentSteps.NEXT_YEAR_DRAFTS);
    }

    @Test
    void thePaceEvaluationRunsLastAsOfTheDemosLastDayAndTheDemoWinsGiveRepsBothSidesOfTheThreshold() {
        List<DemoStep> steps = DemoSteps.all(company, data, line -> { });
        DemoStep pace = steps.get(steps.size() - 1);
        assertThat(pace.name()).isEqualTo(DemoAttainmentSteps.PACE_EVALUATION);
        assertThat(pace.endpoint()).isEqualTo("POST /api/attainment/pace-evaluations");
        assertThat(pace.calls()).hasSize(1);
        assertThat(pace.calls().get(0).request().apply(ref -> java.util.Optional.empty()).body())
                .isEqualTo(Map.of("asOf", data.asOf().toString()));

        // the demo's last day ends its month, so the month's pace is its attainment: bookings credited that month
        // (won deals split by owner, foreign ones at the demo rate) against each rep's month target
        YearMonth month = YearMonth.from(data.asOf());
        assertThat(data.asOf()).isEqualTo(month.atEndOfMonth());
        String reporting = company.company().reportingCurrency();
        Map<UUID, BigDecimal> booked = new HashMap<>();
        for (Opportunity o : data.opportunities()) {
            if (o.status() != OpportunityStatus.WON || !YearMonth.from(o.closedOn()).equals(month)) {
                continue;
            }
            BigDecimal amount = o.amount().currency().equals(reporting) ? o.amount().amount()
                    : o.amount().amount().multiply(new BigDecimal(DemoSteps.DEMO_FX_RATE));
            o.owners().forEach(w -> booked.merge(w.repId(), amount.multiply(BigDecimal.valueOf(w.split()))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN), BigDecimal::add));
        }
        int fiscalMonth = (int) java.time.temporal.ChronoUnit.MONTHS.between(
                YearMonth.of(company.company().fiscalYearStartMonth() == 1 ? data.fiscalYear() : data.fiscalYear() - 1,
                        company.company().fiscalYearStartMonth()), month);
        long behind = 0;
        long onPace = 0;
        for (TargetPlan plan : data.targets()) {
            if (!plan.metric().equals("BOOKINGS") || plan.ownerType() != DemoDataset.OwnerType.REP) {
                continue;
            }
            BigDecimal target = plan.months().get(fiscalMonth);
            BigDecimal pacePercent = booked.getOrDefault(plan.ownerId(), BigDecimal.ZERO).multiply(BigDecimal.valueOf(100))
                    .divide(target, 2, RoundingMode.HALF_EVEN);
            if (pacePercent.compareTo(BigDecimal.valueOf(80)) < 0) {
                behind++;
            } else {
                onPace++;
            }
        }
        // some reps are ahead of pace and some behind (alerted at the default 80 %)
        assertThat(behind).isPositive();
        assertThat(onPace).isPositive();
    }
}
