package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoDataset.TargetPlan;
import com.quota.localstack.demo.DemoStep.Call;
import com.quota.localstack.demo.DemoStep.Request;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Consumer;

import static com.quota.localstack.demo.DemoStep.body;

/**
 * target-service's closing part of the demo load: next year's BOOKINGS targets as DRAFTs (the demo year's plus 10%,
 * for every owner, left for review), and a pace evaluation as of the demo's last day, judged from the ledger the demo's
 * wins, contracts and payments fed (nothing written directly), so some owners are behind pace and alerted. It runs
 * last, after the commission statements, so the ledger consumer has caught up with the demo's events; the service's
 * daily run judges pace again each day.
 * <p>
 * Loading twice creates nothing twice: a draft carries its externalRef (a rerun answers 409 and finds it, or replays
 * its Idempotency-Key), and an evaluation on the same date raises no alert twice (once per owner × period × crossing).
 */
final class DemoAttainmentSteps {

    static final String NEXT_YEAR_DRAFTS = "next year's draft targets";
    static final String PACE_EVALUATION = "attainment pace evaluation";

    /** Next year's targets are this year's plus 10%. */
    static final BigDecimal NEXT_YEAR_GROWTH = new BigDecimal("1.10");

    private DemoAttainmentSteps() {
    }

    static List<DemoStep> all(DemoCompany company, DemoDataset data, Consumer<String> out) {
        return List.of(
                new DemoStep(NEXT_YEAR_DRAFTS, "POST", "/api/targets", List.of(DemoSteps.TARGETS_PUBLISHED), null,
                        "/api/targets", nextYearDrafts(data).stream().map(DemoSteps::targetCall).toList(),
                        response -> { }),
                new DemoStep(PACE_EVALUATION, "POST", "/api/attainment/pace-evaluations",
                        List.of(DemoSteps.TARGETS_PUBLISHED, DemoSteps.WINS, DemoSteps.PAYMENTS), null, null,
                        List.of(new Call(null, null, refs -> Request.of(body("asOf", data.asOf().toString())))),
                        response -> out.accept(String.format("  pace as of %s: %s owner-periods judged, %s behind pace,"
                                        + " %s back on pace", data.asOf(), response.json().path("judged").asString("?"),
                                response.json().path("behindPace").asString("?"),
                                response.json().path("backOnPace").asString("?")))));
    }

    /** The demo year's BOOKINGS targets one year on, every month 10% up (the annual is the Σ of the months). */
    static List<TargetPlan> nextYearDrafts(DemoDataset data) {
        int next = data.fiscalYear() + 1;
        return data.targets().stream()
                .filter(plan -> plan.metric().equals("BOOKINGS"))
                .map(plan -> {
                    List<BigDecimal> months = plan.months().stream()
                            .map(m -> m.multiply(NEXT_YEAR_GROWTH).setScale(m.scale(), RoundingMode.HALF_EVEN))
                            .toList();
                    BigDecimal annual = months.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    return new TargetPlan(plan.externalRef().replace("-FY" + data.fiscalYear() + "-", "-FY" + next + "-"),
                            next, plan.metric(), plan.ownerType(), plan.ownerId(),
                            new DemoDataset.Money(annual, plan.annual().currency()), months);
                })
                .toList();
    }
}
