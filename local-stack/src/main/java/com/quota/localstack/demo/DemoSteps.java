package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoCompany.Person;
import com.quota.localstack.demo.DemoCompany.Unit;
import com.quota.localstack.demo.DemoDataset.Money;
import com.quota.localstack.demo.DemoDataset.Opportunity;
import com.quota.localstack.demo.DemoDataset.OpportunityStatus;
import com.quota.localstack.demo.DemoDataset.Owner;
import com.quota.localstack.demo.DemoDataset.TargetPlan;
import com.quota.localstack.demo.DemoStep.Call;
import com.quota.localstack.demo.DemoStep.Request;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.quota.localstack.demo.DemoStep.body;

/**
 * The demo load, one step per service capability, in dependency order. Each step names its endpoint as the API
 * conventions of ARCHITECTURE.md describe it; while an endpoint does not exist the loader skips the step and says so.
 * When a service ships an endpoint, its step here is where the request body is aligned with the real API.
 */
final class DemoSteps {

    static final String WHO_AM_I = "who am I";
    static final String ORG_UNITS = "org units";
    static final String REPS = "reps";
    static final String TARGETS = "targets";
    static final String TARGETS_SUBMITTED = "targets submitted";
    static final String TARGETS_APPROVED = "targets approved";
    static final String TARGETS_PUBLISHED = "targets published";
    static final String PIPELINES = "pipelines";
    static final String FX_RATES = "fx rates";
    static final String ACCOUNTS = "accounts";
    static final String OPPORTUNITIES = "opportunities";
    static final String WINS = "won opportunities";
    static final String LOSSES = "lost opportunities";
    static final String CONTRACT_AUTO_DRAFT = "contract auto-draft off for the demo pipeline";
    static final String CONTRACTS = "contracts";
    static final String PAYMENTS = "payments";
    static final String KPI_DEFINITIONS = "KPI definitions";
    static final String SCORECARD_TEMPLATES = "scorecard templates";
    static final String SOFT_RATINGS = "soft ratings";
    static final String COMMISSION_PLANS = "commission plans";
    static final String PLAN_ASSIGNMENTS = "plan assignments";
    static final String COMMISSION_STATEMENTS = "commission statements";

    private DemoSteps() {
    }

    static List<DemoStep> all(DemoCompany company, DemoDataset data, Consumer<String> out) {
        String pipelineRef = data.pipeline().externalRef();
        return concat(List.of(
                new DemoStep(WHO_AM_I, "GET", "/api/org/me", List.of(), null, null,
                        List.of(new Call(null, null, refs -> Request.of(null))), response -> out.accept("  logged in as " + identity(response.json()))),

                // target-service: the org tree, with the ids fixed in demo-company.json (idempotent PUT by id). Each PUT sends
                // the record's current ETag as If-Match when it exists: a reload after demo-company.json changed a unit
                // or a person is an update, which needs one (428 without); a first load creates and needs none
                new DemoStep(ORG_UNITS, "PUT", "/api/org/units/{id}", List.of(), null, null,
                        company.unitsParentsFirst().stream().map(u -> unitCall(u, orgSince(company))).toList(), none()),
                new DemoStep(REPS, "PUT", "/api/org/reps/{id}", List.of(ORG_UNITS), null, null,
                        company.people().stream().map(p -> personCall(p, orgSince(company))).toList(), none()),
                new DemoStep(TARGETS, "POST", "/api/targets", List.of(ORG_UNITS, REPS), null, "/api/targets",
                        data.targets().stream().map(DemoSteps::targetCall).toList(), none()),
                // the demo year's targets go all the way to PUBLISHED (each transition with the ETag it read as If-Match)
                targetTransition(TARGETS_SUBMITTED, "submit", TARGETS, data),
                targetTransition(TARGETS_APPROVED, "approve", TARGETS_SUBMITTED, data),
                targetTransition(TARGETS_PUBLISHED, "publish", TARGETS_APPROVED, data),

                // pipeline-service
                new DemoStep(PIPELINES, "POST", "/api/pipelines", List.of(), null, "/api/pipelines",
                        List.of(new Call(pipelineRef, null, refs -> Request.of(body(
                                "externalRef", pipelineRef,
                                "name", data.pipeline().name(),
                                "stages", data.pipeline().stages().stream().map(st -> body("code", st.code(), "name", st.name(),
                                        "probability", st.probability(), "forecastCategory", st.forecastCategory(),
                                        "expectedDays", st.expectedDays(), "closedAs",
                                        DemoDataGenerator.WON.equals(st.code()) || DemoDataGenerator.LOST.equals(st.code())
                                                ? st.code() : null)).toList())))), none()),
                // a win fixes its reporting amount from the rate table: one demo rate per foreign currency, in force
                // from a year before the demo year so that every deal date finds it
                new DemoStep(FX_RATES, "PUT", "/api/fx-rates/{currency}/{date}", List.of(), null, null,
                        foreignCurrencies(data, company.company().reportingCurrency()).stream().map(currency -> new Call(null, null, refs -> Request.of(
                                body("rate", DEMO_FX_RATE), currency,
                                data.opportunities().stream().map(Opportunity::expectedCloseDate).filter(java.util.Objects::nonNull)
                                        .min(java.util.Comparator.naturalOrder()).orElse(data.asOf()).minusYears(1).toString())))
                                .toList(), none()),
                // contract-service: the demo drafts its contracts by API (with externalRefs), not on OpportunityWon
                new DemoStep(CONTRACT_AUTO_DRAFT, "PUT", "/api/contracts/auto-draft/{id}", List.of(PIPELINES), null, null,
                        List.of(new Call(null, null, refs -> Request.of(body("enabled", false), refs.id(pipelineRef)))), none()),
                new DemoStep(ACCOUNTS, "POST", "/api/accounts", List.of(REPS), "accounts.write", "/api/accounts",
                        data.accounts().stream().map(a -> new Call(a.externalRef(), null, refs -> Request.of(body(
                                "externalRef", a.externalRef(),
                                "name", a.name(),
                                "segment", a.segment(),
                                "region", a.regionId() == null ? null : a.regionId().toString(),
                                "ownerRepId", a.ownerRepId())))).toList(), none()),
                new DemoStep(OPPORTUNITIES, "POST", "/api/opportunities", List.of(ACCOUNTS, PIPELINES, FX_RATES), "opportunities.write",
                        "/api/opportunities",
                        data.opportunities().stream().map(o -> opportunityCall(o, pipelineRef)).toList(), none()),
                new DemoStep(WINS, "POST", "/api/opportunities/{id}/win", List.of(OPPORTUNITIES), "opportunities.write", null,
                        data.opportunities().stream().filter(o -> o.status() == OpportunityStatus.WON)
                                .map(o -> new Call(null, null, refs -> Request.of(body(
                                        "closeDate", o.closedOn()), refs.id(o.externalRef())))).toList(), none()),
                new DemoStep(LOSSES, "POST", "/api/opportunities/{id}/lose", List.of(OPPORTUNITIES), "opportunities.write", null,
                        data.opportunities().stream().filter(o -> o.status() == OpportunityStatus.LOST)
                                .map(o -> new Call(null, null, refs -> Request.of(body(
                                        "closeDate", o.closedOn(),
                                        "reason", o.lossReason(),
                                        "competitor", o.competitor()), refs.id(o.externalRef())))).toList(), none())),

                // target-service: last year's actuals, as a company moving to Quota brings them
                DemoHistorySteps.all(company, data),

                // contract-service: drafts, the approval chain, signing, execution, payment plans, payments, amendments, a termination
                DemoContractSteps.all(company, data),

                List.of(

                // performance-service: KPIs, the REP scorecard template, soft ratings, the AE commission plan for every rep
                new DemoStep(KPI_DEFINITIONS, "POST", "/api/kpis/definitions", List.of(), null, null, List.of(
                        kpiCall("QUOTA_ATTAINMENT", "Bookings attainment", "ATTAINMENT_PERCENT", "60", "100"),
                        kpiCall("CUSTOMER_SATISFACTION", "Customer satisfaction (manager rating)", "CUSTOMER_SATISFACTION", "3", "4.5"),
                        kpiCall("WIN_RATE", "Win rate", "WIN_RATE", "20", "50"),
                        kpiCall("COLLECTION_RATE", "Collection rate", "COLLECTION_RATE", "50", "95"),
                        kpiCall("NEW_CUSTOMERS", "New customers", "NEW_CUSTOMERS", "0", "3")),
                        none()).findingExistingIn("/api/kpis/definitions"),
                new DemoStep(SCORECARD_TEMPLATES, "POST", "/api/scorecards/templates", List.of(KPI_DEFINITIONS), null, null,
                        List.of(new Call(DEMO_TEMPLATE, null, refs -> Request.of(body(
                                "name", "Account Executive scorecard FY" + data.fiscalYear(),
                                "role", "REP",
                                "kpis", List.of(
                                        body("kpiId", refs.id(kpiRef("QUOTA_ATTAINMENT")), "weightPercent", "80"),
                                        body("kpiId", refs.id(kpiRef("CUSTOMER_SATISFACTION")), "weightPercent", "20")))))
                                        .foundBy("role", "REP"),
                                // the team scorecard (GET /api/scorecards/units/{id}) is scored with the MANAGER template
                                new Call(DEMO_TEAM_TEMPLATE, null, refs -> Request.of(body(
                                        "name", "Team scorecard FY" + data.fiscalYear(),
                                        "role", "MANAGER",
                                        "kpis", List.of(
                                                body("kpiId", refs.id(kpiRef("QUOTA_ATTAINMENT")), "weightPercent", "40"),
                                                body("kpiId", refs.id(kpiRef("WIN_RATE")), "weightPercent", "20"),
                                                body("kpiId", refs.id(kpiRef("COLLECTION_RATE")), "weightPercent", "20"),
                                                body("kpiId", refs.id(kpiRef("NEW_CUSTOMERS")), "weightPercent", "10"),
                                                body("kpiId", refs.id(kpiRef("CUSTOMER_SATISFACTION")), "weightPercent", "10")))))
                                        .foundBy("role", "MANAGER")),
                        none()).findingExistingIn("/api/scorecards/templates"),
                new DemoStep(SOFT_RATINGS, "POST", "/api/scorecards/ratings", List.of(REPS, SCORECARD_TEMPLATES), null, null,
                        reps(company).stream().map(rep -> new Call("DEMO-RATING-" + rep.id(), null, refs -> Request.of(body(
                                "repId", rep.id(),
                                "periodKey", "FY" + data.fiscalYear() + "-Q1",
                                "measure", "CUSTOMER_SATISFACTION",
                                "rating", ratingOf(rep),
                                "comment", "Quarterly customer feedback")))).toList(),
                        none()),
                new DemoStep(COMMISSION_PLANS, "POST", "/api/commissions/plans", List.of(), null, null,
                        List.of(new Call(demoPlanRef(data), null, refs -> Request.of(body(
                                "name", demoPlanName(data),
                                "metric", "BOOKINGS",
                                "mode", "STEP",
                                "period", "YEAR",
                                "currency", company.company().reportingCurrency(),
                                "tiers", List.of(
                                        body("fromPercent", "0", "toPercent", "50", "ratePercent", "0"),
                                        body("fromPercent", "50", "toPercent", "100", "ratePercent", "4"),
                                        body("fromPercent", "100", "ratePercent", "6")),
                                "clawbackWindowDays", 90,
                                "effectiveFrom", fiscalYearStart(company, data).toString())))
                                .foundBy("name", demoPlanName(data))),
                        none()).findingExistingIn("/api/commissions/plans?size=500"),
                new DemoStep(PLAN_ASSIGNMENTS, "POST", "/api/commissions/plans/{id}/assignments", List.of(REPS, COMMISSION_PLANS),
                        null, null,
                        reps(company).stream().map(rep -> new Call("DEMO-PLAN-ASSIGNMENT-" + rep.id(), null, refs -> Request.of(body(
                                "repId", rep.id(),
                                "effectiveFrom", fiscalYearStart(company, data).toString()), refs.id(demoPlanRef(data))))
                                .foundBy("repId", rep.id().toString())).toList(),
                        none()).findingExistingIn("/api/commissions/plans/{id}/assignments"),
                // each rep's statement of every closed quarter of the demo year, approved by the admin (credits that reach
                // performance-service after a statement is issued become lines of the next one; the total stays true).
                // Idempotency-Key and externalRef per rep and quarter: a rerun within the key retention replays the first
                // answer; a later one is refused (409 statement-issued) and reads the issued statement by its externalRef
                new DemoStep(COMMISSION_STATEMENTS, "POST", "/api/commissions/statements",
                        List.of(PLAN_ASSIGNMENTS, WINS, CONTRACTS, PAYMENTS), null, "/api/commissions/statements",
                        closedQuarters(company, data).stream().flatMap(quarter -> reps(company).stream().map(rep -> new Call(
                                statementRef(rep, quarter), null, refs -> Request.of(body(
                                        "repId", rep.id(),
                                        "periodKey", quarter,
                                        "externalRef", statementRef(rep, quarter)))))).toList(),
                        none())),
                DemoAttainmentSteps.all(company, data, out));
    }

    @SafeVarargs
    private static List<DemoStep> concat(List<DemoStep>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private static final String DEMO_TEAM_TEMPLATE = "DEMO-SCORECARD-TEMPLATE-MANAGER";

    /** The quarters of the demo fiscal year that ended before today (FY2026-Q1 ...), at most four. */
    static List<String> closedQuarters(DemoCompany company, DemoDataset data) {
        java.time.LocalDate start = fiscalYearStart(company, data);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of(company.company().timeZone()));
        List<String> quarters = new java.util.ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            if (start.plusMonths(3L * q).isAfter(today)) {
                break;
            }
            quarters.add("FY" + data.fiscalYear() + "-Q" + q);
        }
        return quarters;
    }

    private static final String DEMO_TEMPLATE = "DEMO-SCORECARD-TEMPLATE-REP";

    private static String demoPlanName(DemoDataset data) {
        return "AE bookings plan FY" + data.fiscalYear();
    }

    private static String kpiRef(String code) {
        return "DEMO-KPI-" + code;
    }

    private static Call kpiCall(String code, String name, String measure, String threshold, String target) {
        return new Call(kpiRef(code), null, refs -> Request.of(body(
                "code", code,
                "name", name,
                "measure", measure,
                "rule", body("type", "LINEAR", "threshold", threshold, "target", target, "cap", "120")))).foundBy("code", code);
    }

    /** The reference of a rep's demo statement of a quarter: its Idempotency-Key and its externalRef. */
    static String statementRef(Person rep, String quarter) {
        return "DEMO-STATEMENT-" + rep.id() + "-" + quarter;
    }

    private static String demoPlanRef(DemoDataset data) {
        return "DEMO-PLAN-AE-FY" + data.fiscalYear();
    }

    private static List<Person> reps(DemoCompany company) {
        return company.people().stream().filter(p -> p.role() == DemoCompany.PersonRole.REP).toList();
    }

    /** A stable rating from 3.0 to 4.9 per rep, so reloading gives the same figures. */
    private static String ratingOf(Person rep) {
        int tenths = Math.floorMod(rep.id().hashCode(), 20);
        return java.math.BigDecimal.valueOf(30 + tenths, 1).toPlainString();
    }

    /** The first day of the demo fiscal year (named by the calendar year in which it ends). */
    private static java.time.LocalDate fiscalYearStart(DemoCompany company, DemoDataset data) {
        int startMonth = company.company().fiscalYearStartMonth();
        return java.time.LocalDate.of(startMonth == 1 ? data.fiscalYear() : data.fiscalYear() - 1, startMonth, 1);
    }

    /** Reporting-currency units per unit of a foreign currency in the demo (its foreign deals are about a seventh of the size). */
    static final String DEMO_FX_RATE = "7.10";

    /** The currencies of the demo's deals other than the reporting currency, in order of first appearance. */
    static List<String> foreignCurrencies(DemoDataset data, String reporting) {
        return data.opportunities().stream().map(o -> o.amount().currency())
                .filter(currency -> !currency.equals(reporting)).distinct().toList();
    }

    /** The org tree exists from two years before the demo year, so last year's actuals and credits find their units. */
    private static String orgSince(DemoCompany company) {
        return (company.company().demoFiscalYear() - 2) + "-01-01";
    }

    private static Call unitCall(Unit unit, String validFrom) {
        return new Call(null, unit.id().toString(), refs -> new Request(List.of(unit.id().toString()), body(
                "code", unit.code(),
                "name", unit.name(),
                "type", unit.type(),
                "parentId", unit.parentId(),
                "managerId", unit.managerId(),
                "validFrom", validFrom), "/api/org/units/" + unit.id()));
    }

    private static Call personCall(Person person, String validFrom) {
        return new Call(null, person.id().toString(), refs -> new Request(List.of(person.id().toString()), body(
                "username", person.username(),
                "displayName", person.displayName(),
                "role", person.role(),
                "unitId", person.unitId(),
                "title", person.title(),
                "validFrom", validFrom), "/api/org/reps/" + person.id()));
    }

    private static DemoStep targetTransition(String name, String action, String after, DemoDataset data) {
        return new DemoStep(name, "POST", "/api/targets/{id}/" + action, List.of(after), null, null,
                data.targets().stream().map(plan -> new Call(null, null, refs -> Request.of(null, refs.id(plan.externalRef()))
                        .withIfMatchFrom("/api/targets/" + refs.id(plan.externalRef())))).toList(), none());
    }

    /** A target as the API creates it (this year's, and next year's drafts of {@link DemoAttainmentSteps}). */
    static Call targetCall(TargetPlan plan) {
        return new Call(plan.externalRef(), null, refs -> Request.of(body(
                "externalRef", plan.externalRef(),
                "fiscalYear", plan.fiscalYear(),
                "metric", plan.metric(),
                "ownerType", plan.ownerType(),
                "ownerId", plan.ownerId(),
                "currency", plan.annual().currency(),
                "levels", List.of(body(
                        "level", "TARGET",
                        "annual", plan.annual().amountText(),
                        "months", plan.months().stream().map(m -> m.toPlainString()).toList())))));
    }

    private static Call opportunityCall(Opportunity o, String pipelineRef) {
        return new Call(o.externalRef(), null, refs -> Request.of(body(
                "externalRef", o.externalRef(),
                "accountId", refs.id(o.accountRef()),
                "pipelineId", refs.id(pipelineRef),
                "title", o.title(),
                "amount", money(o.amount()),
                "expectedCloseDate", o.expectedCloseDate(),
                "productLine", o.productLine(),
                "channel", o.channel(),
                "customerSegment", o.segment(),
                "region", o.regionId() == null ? null : o.regionId().toString(),
                "owners", o.owners().stream().map(w -> body("repId", w.repId(), "splitPercent", String.valueOf(w.split()),
                        "primary", w.primary())).toList(),
                // closed ones are created in the last open stage, then won or lost by the next steps
                "stage", o.status() == OpportunityStatus.OPEN ? o.stage() : DemoDataGenerator.STAGES.get(3).code())));
    }

    private static Map<String, Object> money(Money money) {
        return body("amount", money.amountText(), "currency", money.currency());
    }

    private static List<Map<String, Object>> owners(List<Owner> owners) {
        return owners.stream().map(o -> body("repId", o.repId(), "split", o.split(), "primary", o.primary())).toList();
    }

    private static String identity(JsonNode me) {
        String name = first(me, "username", "preferred_username", "sub", "name", "displayName");
        JsonNode roles = me.path("roles");
        String text = (name.isBlank() ? "(no name in the answer)" : name)
                + (roles.isArray() && !roles.isEmpty() ? ", roles " + roles : "");
        String repId = first(me, "repId", "rep_id");
        return repId.isBlank() ? text : text + ", rep " + repId;
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = node.path(field).asString("");
            if (!value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static Consumer<DemoApi.Response> none() {
        return response -> { };
    }
}
