package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoDataset.OwnerType;
import com.quota.localstack.demo.DemoDataset.TargetPlan;
import com.quota.localstack.demo.DemoStep.Call;
import com.quota.localstack.demo.DemoStep.Request;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.quota.localstack.demo.DemoStep.body;

/**
 * target-service's history part of the demo load: last year's actuals, as a company moving to Quota brings them, per
 * owner × metric × fiscal month, through {@code POST /api/targets/historical-actuals}. They weigh HISTORY allocation and
 * distribution and the short-term models for the months the ledger does not cover.
 * <p>
 * Each rep did between 80% and 105% of this year's target last year (a fixed share per rep, from its id, so the data set's
 * other random draws do not move); a unit's actual is the Σ of its reps' and child units', so every level adds up.
 * Loading twice writes nothing twice: the endpoint upserts per owner × metric × year × month.
 */
final class DemoHistorySteps {

    static final String LAST_YEAR_ACTUALS = "last year's actuals";
    static final int ROWS_PER_CALL = 480;

    private DemoHistorySteps() {
    }

    static List<DemoStep> all(DemoCompany company, DemoDataset data) {
        List<Map<String, Object>> rows = new ArrayList<>();
        lastYearActuals(company, data).forEach(actual -> {
            for (int m = 0; m < actual.months().size(); m++) {
                rows.add(body("ownerType", actual.ownerType().name(), "ownerId", actual.ownerId(), "metric", actual.metric(),
                        "fiscalYear", actual.fiscalYear(), "month", m + 1, "amount", actual.months().get(m).toPlainString()));
            }
        });
        // in requests of ROWS_PER_CALL rows: each well under the services' 256 KB request-body limit
        List<Call> calls = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_CALL) {
            List<Map<String, Object>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_CALL));
            calls.add(new Call(null, null, refs -> Request.of(body("rows", chunk))));
        }
        return List.of(new DemoStep(LAST_YEAR_ACTUALS, "POST", "/api/targets/historical-actuals",
                List.of(DemoSteps.ORG_UNITS, DemoSteps.REPS), null, null, calls, response -> { }));
    }

    /** One owner's actuals of one metric in last fiscal year, month by month. */
    record Actual(OwnerType ownerType, UUID ownerId, String metric, int fiscalYear, List<BigDecimal> months) {
    }

    /** Every rep's and unit's actuals of last fiscal year, for each metric of this year's targets. */
    static List<Actual> lastYearActuals(DemoCompany company, DemoDataset data) {
        int lastYear = data.fiscalYear() - 1;
        List<Actual> actuals = new ArrayList<>();
        for (String metric : data.targets().stream().map(TargetPlan::metric).distinct().toList()) {
            Map<UUID, List<BigDecimal>> reps = new LinkedHashMap<>();
            data.targets().stream()
                    .filter(plan -> plan.metric().equals(metric) && plan.ownerType() == OwnerType.REP)
                    .forEach(plan -> reps.put(plan.ownerId(), plan.months().stream()
                            .map(m -> m.multiply(shareOfTarget(plan.ownerId())).setScale(m.scale(), RoundingMode.HALF_EVEN))
                            .toList()));
            for (DemoCompany.Unit unit : company.unitsParentsFirst()) {
                actuals.add(new Actual(OwnerType.UNIT, unit.id(), metric, lastYear, unitMonths(company, unit.id(), reps)));
            }
            reps.forEach((rep, months) -> actuals.add(new Actual(OwnerType.REP, rep, metric, lastYear, months)));
        }
        return actuals;
    }

    /** The rep's last year as a share of this year's target: 0.80 to 1.05, fixed per rep. */
    static BigDecimal shareOfTarget(UUID rep) {
        return BigDecimal.valueOf(80 + Math.floorMod(rep.hashCode(), 26), 2);
    }

    private static List<BigDecimal> unitMonths(DemoCompany company, UUID unit, Map<UUID, List<BigDecimal>> reps) {
        List<List<BigDecimal>> parts = new ArrayList<>();
        company.repsOf(unit).forEach(rep -> parts.add(reps.get(rep.id())));
        company.childrenOf(unit).forEach(child -> parts.add(unitMonths(company, child.id(), reps)));
        List<BigDecimal> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            BigDecimal sum = null;
            for (List<BigDecimal> part : parts) {
                if (part != null) {
                    sum = sum == null ? part.get(m) : sum.add(part.get(m));
                }
            }
            months.add(sum == null ? BigDecimal.ZERO : sum);
        }
        return months;
    }
}
