package com.quota.systemtests.proof.scope;

import com.quota.systemtests.Http;
import com.quota.systemtests.proof.Verdict;
import com.quota.systemtests.proof.scope.ScopeRules.OwnerKey;
import com.quota.systemtests.proof.scope.ScopeRules.Scope;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One run of the scope part: for every endpoint family × caller × own/other record, through every door (the
 * gateway and each service directly), the status and the owners of every returned row, judged by
 * {@link ScopeVerdicts} against {@link ScopeRules}. The real run and the planted-fault test use this same code.
 */
public final class ScopeRun {

    /** The services by the name a family uses ({@code target}, {@code pipeline}, {@code contract}, {@code performance}). */
    public record Setup(Map<String, Map<String, URI>> doorsByService, List<String> callers, Function<String, String> tokenOf,
                        ScopeRules rules, Map<String, UUID> unitOf, UUID rootUnit, String periodKey, String adminCaller,
                        Set<String> families) {

        boolean runs(String family) {
            return families == null || families.contains(family);
        }
    }

    public record Result(List<Verdict> verdicts, String report) {
    }

    /**
     * A family asked once per caller and door: its service, the token scopes an integration client needs for it (any
     * one of them; read off the service's code, see {@link Access}), its path for a caller (null: not asked of this
     * caller), the status a person gets, where its rows are and who owns one row.
     */
    record ListFamily(String name, String service, Set<String> clientScopes, Function<Caller, String> path,
                      Function<Caller, Set<Integer>> personStatus, Function<JsonNode, JsonNode> rowsOf,
                      BiFunction<JsonNode, Truth, List<OwnerKey>> owners, Tally tally) {

        ListFamily(String name, String service, Set<String> clientScopes, Function<Caller, String> path,
                   Function<Caller, Set<Integer>> personStatus, Function<JsonNode, JsonNode> rowsOf,
                   BiFunction<JsonNode, Truth, List<OwnerKey>> owners) {
            this(name, service, clientScopes, path, personStatus, rowsOf, owners, null);
        }
    }

    /**
     * For an answer without per-owner rows (the funnel): how many records it counts, and how many it may count at most
     * for this caller (the records of the caller's scope that match the request, from the admin's rows and the tree).
     */
    interface Tally {
        long counted(JsonNode answer);

        long allowed(Caller caller, Truth truth);
    }

    /** A read family: its service, the client scopes it needs, the path of one record; own / other records per caller. */
    record ReadFamily(String name, String service, Set<String> clientScopes, Function<String, String> path) {
    }

    /**
     * One caller as the families see it, from the org tree only: its scope; a rep it covers and one it does not (one
     * with deals, so a search by them has rows to leak); the unit it stands for (the unit it manages, its own unit, or
     * the root) and whether it covers it; a unit of another region (neither covered nor above its own place).
     */
    record Caller(String name, Scope scope, boolean integration, Set<String> clientScopes, UUID ownRep, UUID otherRep, UUID ownUnit,
                  boolean coversOwnUnit, UUID otherUnit, String period, String pipelineId, String planId) {
    }

    /** The client scopes of each route, as the services check them (the source of each in the comment). */
    static final class Access {
        static final Set<String> OPPORTUNITIES = Set.of("opportunities.write");              // OpportunityUseCases.SCOPE
        static final Set<String> FORECAST = Set.of("opportunities.read", "opportunities.write"); // ForecastQueries.scope
        static final Set<String> ACCOUNTS = Set.of("accounts.write");                       // AccountUseCases.SCOPE
        static final Set<String> CONTRACTS = Set.of("contracts.read", "contracts.write");   // ContractService.requireRead
        static final Set<String> PERFORMANCE = Set.of("performance.read");                  // performance ReadAccess
        static final Set<String> TARGETS = Set.of("targets.read");                          // TargetService.visibleTarget
        static final Set<String> ATTAINMENT = Set.of("attainment.read");                    // AttainmentController.READ_SCOPE
        static final Set<String> ORG = Set.of("org.read");                                  // OrgTreeController.scope

        private Access() {
        }
    }

    /** Who owns what, read as the admin (ownership is data; whether it is in scope comes from the org tree). */
    static final class Truth {
        final Map<String, List<OwnerKey>> opportunityOwners = new HashMap<>();
        final Map<String, JsonNode> opportunities = new LinkedHashMap<>();
        final Map<String, List<OwnerKey>> contractOwners = new HashMap<>();
        final Map<String, JsonNode> targets = new LinkedHashMap<>();
        String periodKey;
        String planId;
        final Map<String, Map<String, List<OwnerKey>>> recordOwners = new LinkedHashMap<>();
        String pipelineId;
    }

    /** The company's today (Asia/Shanghai, the demo company's time zone): the date of refused payments and terminations. */
    static final java.time.LocalDate TODAY = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

    private ScopeRun() {
    }

    public static Result run(String title, Setup setup) {
        long started = System.nanoTime();
        Truth truth = truth(setup);
        List<ScopeObservation> observations = new ArrayList<>();
        if (setup.runs("attainment stream") && setup.doorsByService().containsKey("target")) {
            // first: its probes and the pace evaluation give the alerts families rows to check
            observations.addAll(ScopeStream.watch(setup, truth));
        }
        for (String name : setup.callers()) {
            Caller caller = caller(name, setup, truth);
            for (ListFamily family : listFamilies(setup)) {
                String path = setup.runs(family.name()) ? family.path().apply(caller) : null;
                if (path == null) {
                    continue;
                }
                Set<Integer> expected = expected(caller, family.clientScopes(), () -> family.personStatus().apply(caller));
                for (Map.Entry<String, URI> door : setup.doorsByService().get(family.service()).entrySet()) {
                    observations.add(list(family, door.getKey(), door.getValue(), path, caller, expected, setup, truth));
                }
            }
            for (ReadFamily family : readFamilies()) {
                if (!setup.runs(family.name())) {
                    continue;
                }
                Map<String, List<OwnerKey>> records = truth.recordOwners.getOrDefault(family.name(), Map.of());
                Optional<String> own = ownRecord(records, caller);
                Optional<String> other = otherRecord(records, caller, setup);
                Set<Integer> ownStatus = expected(caller, family.clientScopes(), () -> Set.of(200));
                Set<Integer> otherStatus = expected(caller, family.clientScopes(), () -> Set.of(404));
                for (Map.Entry<String, URI> door : setup.doorsByService().get(family.service()).entrySet()) {
                    own.ifPresent(id -> observations.add(read(family.name() + " (own)", door, family.path().apply(id), caller.name(),
                            ownStatus, setup)));
                    other.ifPresent(id -> observations.add(read(family.name() + " (other's)", door, family.path().apply(id),
                            caller.name(), otherStatus, setup)));
                }
            }
            observations.addAll(ScopeWrites.attempt(caller, setup.rules().role(name), setup, truth, TODAY.toString()));
        }
        // last: the writes that must succeed (benign, but after every family that relies on the truth read at the start)
        for (String name : setup.callers()) {
            observations.addAll(ScopeWrites.allow(caller(name, setup, truth), setup.rules().role(name), setup, truth));
        }
        List<Verdict> verdicts = ScopeVerdicts.judge(observations);
        Map<String, Map<Integer, Long>> byFamily = new java.util.TreeMap<>();
        observations.forEach(o -> byFamily.computeIfAbsent(o.family(), k -> new java.util.TreeMap<>()).merge(o.status(), 1L, Long::sum));
        long rows = observations.stream().mapToLong(ScopeObservation::rows).sum();
        StringBuilder report = new StringBuilder(Verdict.table(String.format("%s: %d requests, %d callers, %d families, %d rows, %.0f s",
                title, observations.size(), setup.callers().size(), byFamily.size(), rows, (System.nanoTime() - started) / 1e9),
                verdicts));
        Map<String, Long> rowsByFamily = new java.util.TreeMap<>();
        observations.forEach(o -> rowsByFamily.merge(o.family(), (long) o.rows(), Long::sum));
        report.append("answers per family (status=count; rows checked):\n");
        byFamily.forEach((f, c) -> report.append(String.format("  %-52s %-24s %d rows%n", f, c, rowsByFamily.get(f))));
        return new Result(verdicts, report.toString());
    }

    /** The first record in the caller's scope (and not a pool account): "own". */
    static Optional<String> ownRecord(Map<String, List<OwnerKey>> records, Caller caller) {
        return records.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(caller.scope()::covers)
                && e.getValue().stream().noneMatch(k -> k.kind() == OwnerKey.Kind.POOL)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The first record wholly outside the caller's scope, owned by reps or units only, and not owned by a unit above the
     * caller's own place in the tree: "other's".
     */
    static Optional<String> otherRecord(Map<String, List<OwnerKey>> records, Caller caller, Setup setup) {
        Scope scope = caller.scope();
        return records.entrySet().stream().filter(e -> e.getValue().stream().noneMatch(scope::covers)
                        && e.getValue().stream().allMatch(k -> k.kind() == OwnerKey.Kind.REP || k.kind() == OwnerKey.Kind.UNIT)
                        && e.getValue().stream().noneMatch(k -> k.kind() == OwnerKey.Kind.UNIT
                        && setup.rules().selfAndAncestors(setup.rules().homeUnit(caller.name())).contains(k.id())))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * The status a caller may get: a person what the family's rule says; an integration client (company-wide, no
     * place in the tree) the same when its token carries one of the family's client scopes, else 403.
     */
    static Set<Integer> expected(Caller caller, Set<String> clientScopes, java.util.function.Supplier<Set<Integer>> person) {
        if (!caller.integration()) {
            return person.get();
        }
        return clientScopes.stream().anyMatch(caller.clientScopes()::contains) ? person.get() : Set.of(403);
    }

    static Caller caller(String name, Setup setup, Truth truth) {
        ScopeRules rules = setup.rules();
        Scope scope = rules.of(name);
        Set<UUID> withDeals = new java.util.HashSet<>();
        truth.opportunityOwners.values().forEach(owners -> owners.stream().filter(k -> k.kind() == OwnerKey.Kind.REP)
                .forEach(k -> withDeals.add(k.id())));
        UUID ownRep = rules.reps().stream().filter(r -> scope.covers(new OwnerKey(OwnerKey.Kind.REP, r))).findFirst().orElse(null);
        UUID otherRep = rules.reps().stream().filter(r -> !scope.covers(new OwnerKey(OwnerKey.Kind.REP, r)))
                .sorted(java.util.Comparator.comparing(r -> !withDeals.contains(r))).findFirst().orElse(null);
        UUID ownUnit = setup.unitOf().getOrDefault(name, setup.rootUnit());
        Set<UUID> above = rules.selfAndAncestors(rules.homeUnit(name));
        UUID otherUnit = rules.units().stream().filter(u -> !scope.covers(new OwnerKey(OwnerKey.Kind.UNIT, u)) && !above.contains(u))
                .findFirst().orElse(null);
        return new Caller(name, scope, name.startsWith("client:"), rules.clientScopes(name), ownRep, otherRep, ownUnit,
                scope.covers(new OwnerKey(OwnerKey.Kind.UNIT, ownUnit)), otherUnit, setup.periodKey(), truth.pipelineId, truth.planId);
    }

    static List<ListFamily> listFamilies(Setup setup) {
        Function<JsonNode, JsonNode> standard = ScopeRun::standardRows;
        Function<JsonNode, JsonNode> itself = json -> json.isObject() ? tools.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode().add(json) : json;
        BiFunction<JsonNode, Truth, List<OwnerKey>> contractOwners =
                (row, t) -> t.opportunityOwners.getOrDefault(row.path("opportunityId").asString(""), unknown());
        BiFunction<JsonNode, Truth, List<OwnerKey>> repIdOwner = (row, t) -> List.of(OwnerKey.rep(row.path("repId").asString()));
        BiFunction<JsonNode, Truth, List<OwnerKey>> figuresOwner = (row, t) -> List.of(owner(row.path("owner")));
        Function<Caller, Set<Integer>> ok = c -> Set.of(200);
        Function<Caller, Set<Integer>> notFound = c -> Set.of(404);
        // a unit's figures: 200 when the caller covers the unit (a REP covers none), else 404
        Function<Caller, Set<Integer>> unitRule = c -> c.coversOwnUnit() ? Set.of(200) : Set.of(404);
        Function<Caller, String> ownUnit = c -> c.ownUnit().toString();
        String forecast = "/api/forecast?drillDown=true&period=";
        String funnel = "/api/forecast/funnel?from=2020-01-01&to=2030-12-31&pipelineId=";
        List<ListFamily> families = new ArrayList<>(List.of(
                new ListFamily("opportunities list", "pipeline", Access.OPPORTUNITIES, c -> "/api/opportunities?size=500", ok, standard,
                        (row, t) -> owners(row)),
                new ListFamily("accounts list", "pipeline", Access.ACCOUNTS, c -> "/api/accounts?size=500", ok, standard,
                        (row, t) -> accountOwner(row)),
                new ListFamily("contracts list", "contract", Access.CONTRACTS, c -> "/api/contracts?size=500", ok, standard, contractOwners),
                new ListFamily("contracts export (CSV)", "contract", Access.CONTRACTS, c -> "/api/contracts/export", ok, standard,
                        contractOwners),
                new ListFamily("commission statements list", "performance", Access.PERFORMANCE, c -> "/api/commissions/statements?size=500",
                        ok, standard, repIdOwner),
                new ListFamily("targets list", "target", Access.TARGETS, c -> "/api/targets?size=500", ok, standard,
                        (row, t) -> List.of(owner(row.path("owner")))),
                new ListFamily("leaderboard of the caller's unit", "performance", Access.PERFORMANCE,
                        c -> "/api/scorecards/leaderboard?unitId=" + ownUnit.apply(c) + "&periodKey=" + c.period(), unitRule, standard,
                        repIdOwner),
                new ListFamily("attainment drill-down of the caller's unit", "target", Access.ATTAINMENT,
                        c -> "/api/attainment/units/" + ownUnit.apply(c) + "/children?metric=BOOKINGS&period=" + c.period(), unitRule,
                        standard, figuresOwner),
                // forecast and funnel (pipeline-service): everything in scope, a rep, a unit's subtree; a REP may ask for a
                // unit they belong to and sees only their own deals in it (OrgTreeScopes.unitReps)
                new ListFamily("forecast drill-down, everything in scope", "pipeline", Access.FORECAST, c -> forecast + c.period(), ok,
                        json -> json.path("opportunities"), ScopeRun::forecastOwners),
                new ListFamily("forecast drill-down of a rep (own)", "pipeline", Access.FORECAST,
                        c -> c.ownRep() == null ? null : forecast + c.period() + "&repId=" + c.ownRep(), ok,
                        json -> json.path("opportunities"), ScopeRun::forecastOwners),
                new ListFamily("forecast drill-down of a rep (other's)", "pipeline", Access.FORECAST,
                        c -> c.otherRep() == null ? null : forecast + c.period() + "&repId=" + c.otherRep(), notFound,
                        json -> json.path("opportunities"), ScopeRun::forecastOwners),
                new ListFamily("forecast drill-down of a unit (own)", "pipeline", Access.FORECAST,
                        c -> forecast + c.period() + "&unitId=" + ownUnit.apply(c), ok, json -> json.path("opportunities"),
                        ScopeRun::forecastOwners),
                new ListFamily("forecast drill-down of a unit (other region's)", "pipeline", Access.FORECAST,
                        c -> c.otherUnit() == null ? null : forecast + c.period() + "&unitId=" + c.otherUnit(), notFound,
                        json -> json.path("opportunities"), ScopeRun::forecastOwners),
                // the funnel has no per-owner rows: the deals it counts (won + lost + open) must not outnumber the deals of the
                // caller's scope that the request names (the pipeline's, of that rep / of that unit's people)
                new ListFamily("funnel, everything in scope", "pipeline", Access.FORECAST,
                        c -> c.pipelineId() == null ? null : funnel + c.pipelineId(), ok, itself, (row, t) -> unknown(),
                        funnelTally(setup, c -> owner -> true)),
                new ListFamily("funnel of a rep (own)", "pipeline", Access.FORECAST,
                        c -> c.ownRep() == null || c.pipelineId() == null ? null : funnel + c.pipelineId() + "&repId=" + c.ownRep(), ok,
                        itself, (row, t) -> unknown(), funnelTally(setup, c -> owner -> owner.equals(c.ownRep()))),
                new ListFamily("funnel of a rep (other's)", "pipeline", Access.FORECAST,
                        c -> c.otherRep() == null || c.pipelineId() == null ? null : funnel + c.pipelineId() + "&repId=" + c.otherRep(),
                        notFound, itself, (row, t) -> unknown(), funnelTally(setup, c -> owner -> owner.equals(c.otherRep()))),
                new ListFamily("funnel of a unit (own)", "pipeline", Access.FORECAST,
                        c -> c.pipelineId() == null ? null : funnel + c.pipelineId() + "&unitId=" + ownUnit.apply(c), ok,
                        itself, (row, t) -> unknown(), funnelTally(setup, c -> setup.rules().peopleBelow(c.ownUnit())::contains)),
                new ListFamily("funnel of a unit (other region's)", "pipeline", Access.FORECAST,
                        c -> c.otherUnit() == null || c.pipelineId() == null ? null : funnel + c.pipelineId() + "&unitId=" + c.otherUnit(),
                        notFound, itself, (row, t) -> unknown(),
                        funnelTally(setup, c -> c.otherUnit() == null ? owner -> false : setup.rules().peopleBelow(c.otherUnit())::contains)),
                // searches by a filter of another scope: "in scope, filtered" — an empty page, never a row of the other scope
                new ListFamily("opportunities search by another's ownerRepId", "pipeline", Access.OPPORTUNITIES,
                        c -> c.otherRep() == null ? null : "/api/opportunities?size=500&ownerRepId=" + c.otherRep(), ok, standard,
                        (row, t) -> owners(row)),
                new ListFamily("accounts search by another's ownerRepId", "pipeline", Access.ACCOUNTS,
                        c -> c.otherRep() == null ? null : "/api/accounts?size=500&ownerRepId=" + c.otherRep(), ok, standard,
                        (row, t) -> accountOwner(row)),
                new ListFamily("contracts search by another's ownerRepId", "contract", Access.CONTRACTS,
                        c -> c.otherRep() == null ? null : "/api/contracts?size=500&ownerRepId=" + c.otherRep(), ok, standard,
                        contractOwners),
                new ListFamily("contracts export by another's ownerRepId", "contract", Access.CONTRACTS,
                        c -> c.otherRep() == null ? null : "/api/contracts/export?ownerRepId=" + c.otherRep(), ok, standard,
                        contractOwners),
                new ListFamily("statements search by another's repId", "performance", Access.PERFORMANCE,
                        c -> c.otherRep() == null ? null : "/api/commissions/statements?size=500&repId=" + c.otherRep(), ok, standard,
                        repIdOwner),
                new ListFamily("targets search by another's rep ownerId", "target", Access.TARGETS,
                        c -> c.otherRep() == null ? null : "/api/targets?size=500&ownerType=REP&ownerId=" + c.otherRep(), ok, standard,
                        (row, t) -> List.of(owner(row.path("owner")))),
                new ListFamily("targets search by another region's unit ownerId", "target", Access.TARGETS,
                        c -> c.otherUnit() == null ? null : "/api/targets?size=500&ownerType=UNIT&ownerId=" + c.otherUnit(), ok,
                        standard, (row, t) -> List.of(owner(row.path("owner")))),
                new ListFamily("opportunities search by own ownerRepId", "pipeline", Access.OPPORTUNITIES,
                        c -> c.ownRep() == null ? null : "/api/opportunities?size=500&ownerRepId=" + c.ownRep(), ok, standard,
                        (row, t) -> owners(row))));
        BiFunction<JsonNode, Truth, List<OwnerKey>> csvOwner = (row, t) -> List.of(owner(row.path("ownerType").asString(""),
                row.path("ownerId").asString("")));
        BiFunction<JsonNode, Truth, List<OwnerKey>> none = (row, t) -> unknown();
        Function<JsonNode, JsonNode> noRows = json -> json.path("none");
        families.addAll(List.of(
                new ListFamily("attainment alerts", "target", Access.ATTAINMENT, c -> "/api/attainment/alerts", ok, json -> json.path("alerts"),
                        figuresOwner),
                new ListFamily("targets export (CSV)", "target", Access.TARGETS, c -> "/api/targets/export.csv", ok, standard, csvOwner),
                new ListFamily("contract milestones overdue", "contract", Access.CONTRACTS, c -> "/api/contracts/milestones/overdue", ok,
                        standard, (row, t) -> t.contractOwners.getOrDefault(row.path("contractId").asString(""), unknown())),
                new ListFamily("contracts pending approval", "contract", Access.CONTRACTS, c -> "/api/contracts/pending-approvals", ok,
                        standard, (row, t) -> owners(row)),
                // company-wide figures and configuration without owners: only the status is checked
                new ListFamily("contracts summary", "contract", Access.CONTRACTS, c -> "/api/contracts/summary", ok, noRows, none),
                new ListFamily("commission plans list", "performance", Access.PERFORMANCE, c -> "/api/commissions/plans?size=500", ok,
                        noRows, none),
                new ListFamily("commission plan assignments", "performance", Access.PERFORMANCE,
                        c -> c.planId() == null ? null : "/api/commissions/plans/" + c.planId() + "/assignments", ok, standard,
                        repIdOwner)));
        // unit attainment (target-service) and unit scorecards (performance-service): the caller's unit and another region's
        for (boolean own : new boolean[] {true, false}) {
            String which = own ? " (own unit)" : " (other region's)";
            Function<Caller, String> unit = c -> own ? ownUnit.apply(c) : c.otherUnit() == null ? null : c.otherUnit().toString();
            Function<Caller, Set<Integer>> rule = own ? unitRule : notFound;
            families.add(new ListFamily("unit attainment figures" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "?metric=BOOKINGS&period=" + c.period()), rule, itself,
                    figuresOwner));
            if (!own) {
                families.add(new ListFamily("unit attainment children" + which, "target", Access.ATTAINMENT,
                        c -> prefixed(unit.apply(c), "/api/attainment/units/", "/children?metric=BOOKINGS&period=" + c.period()), rule,
                        standard, figuresOwner));
            }
            families.add(new ListFamily("unit attainment series" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "/series?metric=BOOKINGS&fiscalYear=" + c.period().substring(2)),
                    rule, itself, figuresOwner));
            families.add(new ListFamily("unit attainment lines" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "/lines?metric=BOOKINGS&size=500&period=" + c.period()), rule,
                    standard, repIdOwner));
            families.add(new ListFamily("unit attainment figures CSV" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "?format=csv&metric=BOOKINGS&period=" + c.period()), rule,
                    standard, csvOwner));
            families.add(new ListFamily("unit attainment children CSV" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "/children?format=csv&metric=BOOKINGS&period=" + c.period()),
                    rule, standard, csvOwner));
            families.add(new ListFamily("unit attainment series CSV" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "/series?format=csv&metric=BOOKINGS&fiscalYear="
                            + c.period().substring(2)), rule, standard, csvOwner));
            families.add(new ListFamily("unit attainment lines CSV" + which, "target", Access.ATTAINMENT,
                    c -> prefixed(unit.apply(c), "/api/attainment/units/", "/lines?format=csv&metric=BOOKINGS&period=" + c.period()), rule,
                    standard, repIdOwner));
            families.add(new ListFamily("targets tree" + which, "target", Access.TARGETS,
                    c -> prefixed(unit.apply(c), "/api/targets/tree?unitId=", "&period=" + c.period()), rule, ScopeRun::treeNodes,
                    (row, t) -> List.of(owner(row.path("ownerType").asString(""), row.path("ownerId").asString("")))));
            families.add(new ListFamily("unit scorecard" + which, "performance", Access.PERFORMANCE,
                    c -> prefixed(unit.apply(c), "/api/scorecards/units/", "?periodKey=" + c.period()), rule,
                    json -> json.path("members"), repIdOwner));
            families.add(new ListFamily("team summary" + which, "performance", Access.PERFORMANCE,
                    c -> prefixed(unit.apply(c), "/api/scorecards/team-summary?unitId=", "&periodKey=" + c.period()), rule,
                    json -> json.path("behindPace"), (row, t) -> List.of(OwnerKey.rep(row.asString()))));
            if (!own) {
                families.add(new ListFamily("leaderboard" + which, "performance", Access.PERFORMANCE,
                        c -> prefixed(unit.apply(c), "/api/scorecards/leaderboard?unitId=", "&periodKey=" + c.period()), rule, standard,
                        repIdOwner));
            }
        }
        return families;
    }

    /**
     * The funnel's deals (won + lost + open) against the deals it may count: the admin's opportunities of the caller's
     * pipeline with an owner in the caller's scope whom the request names.
     */
    private static Tally funnelTally(Setup setup, Function<Caller, java.util.function.Predicate<UUID>> named) {
        return new Tally() {
            @Override
            public long counted(JsonNode answer) {
                return answer.path("won").asLong() + answer.path("lost").asLong() + answer.path("open").asLong();
            }

            @Override
            public long allowed(Caller caller, Truth truth) {
                java.util.function.Predicate<UUID> asked = named.apply(caller);
                return truth.opportunities.values().stream()
                        .filter(o -> o.path("pipelineId").asString("").equals(caller.pipelineId()))
                        .filter(o -> owners(o).stream().anyMatch(k -> k.kind() == OwnerKey.Kind.REP && caller.scope().covers(k)
                                && asked.test(k.id())))
                        .count();
            }
        };
    }

    private static String prefixed(String id, String before, String after) {
        return id == null ? null : before + id + after;
    }

    static List<ReadFamily> readFamilies() {
        return List.of(
                new ReadFamily("opportunity read", "pipeline", Access.OPPORTUNITIES, id -> "/api/opportunities/" + id),
                new ReadFamily("account read", "pipeline", Access.ACCOUNTS, id -> "/api/accounts/" + id),
                new ReadFamily("contract read", "contract", Access.CONTRACTS, id -> "/api/contracts/" + id),
                new ReadFamily("commission statement read", "performance", Access.PERFORMANCE, id -> "/api/commissions/statements/" + id),
                new ReadFamily("rep attainment read", "target", Access.ATTAINMENT,
                        id -> "/api/attainment/reps/" + id + "?metric=BOOKINGS&period=FY2026"),
                new ReadFamily("rep scorecard read", "performance", Access.PERFORMANCE, id -> "/api/scorecards/reps/" + id + "?periodKey=FY2026"),
                new ReadFamily("org rep read", "target", Access.ORG, id -> "/api/org/reps/" + id),
                new ReadFamily("org unit read", "target", Access.ORG, id -> "/api/org/units/" + id),
                // audit trails: scoped like their record
                new ReadFamily("opportunity audit", "pipeline", Access.OPPORTUNITIES, id -> "/api/opportunities/" + id + "/audit"),
                new ReadFamily("account audit", "pipeline", Access.ACCOUNTS, id -> "/api/accounts/" + id + "/audit"),
                new ReadFamily("contract audit", "contract", Access.CONTRACTS, id -> "/api/contracts/" + id + "/audit"),
                new ReadFamily("target audit", "target", Access.TARGETS, id -> "/api/targets/" + id + "/audit"),
                new ReadFamily("org rep audit", "target", Access.ORG, id -> "/api/org/reps/" + id + "/audit"),
                new ReadFamily("org unit audit", "target", Access.ORG, id -> "/api/org/units/" + id + "/audit"),
                // a record's history, sub-resources and drill-downs: scoped like the record
                new ReadFamily("opportunity stage history", "pipeline", Access.OPPORTUNITIES, id -> "/api/opportunities/" + id + "/stage-history"),
                new ReadFamily("opportunity ownership history", "pipeline", Access.OPPORTUNITIES,
                        id -> "/api/opportunities/" + id + "/ownership-history"),
                new ReadFamily("opportunity activities", "pipeline", Access.OPPORTUNITIES, id -> "/api/opportunities/" + id + "/activities"),
                new ReadFamily("account history", "pipeline", Access.ACCOUNTS, id -> "/api/accounts/" + id + "/history"),
                new ReadFamily("contract versions", "contract", Access.CONTRACTS, id -> "/api/contracts/" + id + "/versions"),
                new ReadFamily("contract version 1", "contract", Access.CONTRACTS, id -> "/api/contracts/" + id + "/versions/1"),
                new ReadFamily("contract versions diff", "contract", Access.CONTRACTS, id -> "/api/contracts/" + id + "/versions/diff"),
                new ReadFamily("contract payments", "contract", Access.CONTRACTS, id -> "/api/contracts/" + id + "/payments"),
                new ReadFamily("target read", "target", Access.TARGETS, id -> "/api/targets/" + id),
                new ReadFamily("target versions", "target", Access.TARGETS, id -> "/api/targets/" + id + "/versions"),
                new ReadFamily("target bottom-up", "target", Access.TARGETS, id -> "/api/targets/" + id + "/bottom-up"),
                new ReadFamily("rep attainment CSV", "target", Access.ATTAINMENT,
                        id -> "/api/attainment/reps/" + id + "?format=csv&metric=BOOKINGS&period=FY2026"),
                new ReadFamily("rep attainment lines CSV", "target", Access.ATTAINMENT,
                        id -> "/api/attainment/reps/" + id + "/lines?format=csv&metric=BOOKINGS&period=FY2026"),
                new ReadFamily("attainment source event", "target", Access.ATTAINMENT, id -> "/api/attainment/source-events/" + id),
                new ReadFamily("commission statement draft", "performance", Access.PERFORMANCE,
                        id -> "/api/commissions/statements/draft?periodKey=FY2026&repId=" + id));
    }

    private static Truth truth(Setup setup) {
        Truth truth = new Truth();
        truth.periodKey = setup.periodKey();
        String admin = setup.tokenOf().apply(setup.adminCaller());
        URI pipeline = setup.doorsByService().get("pipeline").values().iterator().next();
        Map<String, List<OwnerKey>> opportunities = new LinkedHashMap<>();
        for (JsonNode row : rows(pipeline, "/api/opportunities?size=500", admin).rows()) {
            truth.opportunities.put(row.path("id").asString(), row);
            truth.opportunityOwners.put(row.path("id").asString(), owners(row));
            opportunities.put(row.path("id").asString(), owners(row));
        }
        truth.recordOwners.put("opportunity read", opportunities);
        truth.recordOwners.put("opportunity audit", opportunities);
        for (String family : List.of("opportunity stage history", "opportunity ownership history", "opportunity activities")) {
            truth.recordOwners.put(family, opportunities);
        }
        if (!setup.doorsByService().containsKey("contract")) {
            return truth;   // a partial run (the planted-fault test): pipeline families only
        }
        URI contract = setup.doorsByService().get("contract").values().iterator().next();
        URI performance = setup.doorsByService().get("performance").values().iterator().next();
        Map<String, List<OwnerKey>> accounts = new LinkedHashMap<>();
        rows(pipeline, "/api/accounts?size=500", admin).rows().forEach(r -> accounts.put(r.path("id").asString(), accountOwner(r)));
        truth.recordOwners.put("account read", accounts);
        truth.recordOwners.put("account audit", accounts);
        truth.recordOwners.put("account history", accounts);
        Rows pipelines = rows(pipeline, "/api/pipelines", admin);
        truth.pipelineId = pipelines.rows().isEmpty() ? null : pipelines.rows().get(0).path("id").asString();
        Map<String, List<OwnerKey>> contracts = new LinkedHashMap<>();
        rows(contract, "/api/contracts?size=500", admin).rows().forEach(r -> contracts.put(r.path("id").asString(),
                truth.opportunityOwners.getOrDefault(r.path("opportunityId").asString(""), unknown())));
        truth.recordOwners.put("contract read", contracts);
        truth.recordOwners.put("contract audit", contracts);
        for (String family : List.of("contract versions", "contract version 1", "contract versions diff", "contract payments")) {
            truth.recordOwners.put(family, contracts);
        }
        truth.contractOwners.putAll(contracts);
        URI target = setup.doorsByService().get("target").values().iterator().next();
        Map<String, List<OwnerKey>> targets = new LinkedHashMap<>();
        rows(target, "/api/targets?size=500", admin).rows().forEach(r -> {
            targets.put(r.path("id").asString(), List.of(owner(r.path("owner"))));
            truth.targets.put(r.path("id").asString(), r);
        });
        truth.recordOwners.put("target audit", targets);
        for (String family : List.of("target read", "target versions", "target bottom-up")) {
            truth.recordOwners.put(family, targets);
        }
        // the source events behind the company's ledger lines, each owned by the reps it credited
        Map<String, List<OwnerKey>> events = new LinkedHashMap<>();
        rows(target, "/api/attainment/units/" + setup.rootUnit() + "/lines?metric=BOOKINGS&size=500&period=" + setup.periodKey(), admin)
                .rows().forEach(r -> events.computeIfAbsent(r.path("sourceEventId").asString(), k -> new ArrayList<>())
                        .add(OwnerKey.rep(r.path("repId").asString())));
        truth.recordOwners.put("attainment source event", events);
        Map<String, List<OwnerKey>> plans = new LinkedHashMap<>();
        rows(performance, "/api/commissions/plans?size=500", admin).rows().forEach(r -> plans.put(r.path("id").asString(), unknown()));
        truth.recordOwners.put("commission plan", plans);
        truth.planId = plans.keySet().stream().findFirst().orElse(null);
        Map<String, List<OwnerKey>> statements = new LinkedHashMap<>();
        rows(performance, "/api/commissions/statements?size=500", admin).rows().forEach(r -> statements.put(r.path("id").asString(),
                List.of(OwnerKey.rep(r.path("repId").asString()))));
        truth.recordOwners.put("commission statement read", statements);
        Map<String, List<OwnerKey>> reps = new LinkedHashMap<>();
        setup.rules().reps().forEach(rep -> reps.put(rep.toString(), List.of(new OwnerKey(OwnerKey.Kind.REP, rep))));
        truth.recordOwners.put("rep attainment read", reps);
        truth.recordOwners.put("rep scorecard read", reps);
        truth.recordOwners.put("rep attainment CSV", reps);
        truth.recordOwners.put("rep attainment lines CSV", reps);
        truth.recordOwners.put("commission statement draft", reps);
        truth.recordOwners.put("org rep read", reps);
        truth.recordOwners.put("org rep audit", reps);
        Map<String, List<OwnerKey>> units = new LinkedHashMap<>();
        setup.rules().units().forEach(unit -> units.put(unit.toString(), List.of(new OwnerKey(OwnerKey.Kind.UNIT, unit))));
        truth.recordOwners.put("org unit read", units);
        truth.recordOwners.put("org unit audit", units);
        return truth;
    }

    private static ScopeObservation list(ListFamily family, String via, URI base, String path, Caller caller, Set<Integer> expected,
                                         Setup setup, Truth truth) {
        Rows rows = rows(base, path, setup.tokenOf().apply(caller.name()), family.rowsOf());
        List<String> foreign = new ArrayList<>();
        if (family.tally() != null && rows.status() == 200 && !rows.rows().isEmpty()) {
            long counted = family.tally().counted(rows.rows().get(0));
            long allowed = family.tally().allowed(caller, truth);
            for (long extra = allowed; extra < counted; extra++) {
                foreign.add("record " + (extra + 1) + " of " + counted + " counted, " + allowed + " in scope");
            }
            return new ScopeObservation(family.name(), via, caller.name(), path, expected, rows.status(), rows.problemJson(),
                    (int) counted, foreign);
        }
        for (JsonNode row : rows.rows()) {
            List<OwnerKey> owners = family.owners().apply(row, truth);
            if (owners.stream().noneMatch(caller.scope()::covers)) {
                String id = row.isObject() ? row.path("id").asString(row.path("repId").asString(row.path("opportunityId").asString("")))
                        : row.asString();
                foreign.add(id + " owned by " + owners);
            }
        }
        return new ScopeObservation(family.name(), via, caller.name(), path, expected, rows.status(), rows.problemJson(),
                rows.rows().size(), foreign);
    }

    private static ScopeObservation read(String family, Map.Entry<String, URI> door, String path, String caller, Set<Integer> expected,
                                         Setup setup) {
        HttpResponse<String> r = Http.get(door.getValue().resolve(path), setup.tokenOf().apply(caller));
        return new ScopeObservation(family, door.getKey(), caller, path, expected, r.statusCode(),
                Http.contentType(r).startsWith("application/problem+json"), r.statusCode() == 200 ? 1 : 0, List.of());
    }

    /** The rows of an answer, every page of a collection: items[], a root array, children[], or CSV lines. */
    record Rows(int status, boolean problemJson, List<JsonNode> rows) {
    }

    static Rows rows(URI base, String path, String token) {
        return rows(base, path, token, ScopeRun::standardRows);
    }

    /** The rows of a collection answer: items[], a root array, or a unit's children[]. */
    static JsonNode standardRows(JsonNode json) {
        return json.isArray() ? json : json.has("items") ? json.get("items") : json.path("children");
    }

    static Rows rows(URI base, String path, String token, Function<JsonNode, JsonNode> rowsOf) {
        List<JsonNode> out = new ArrayList<>();
        int page = 0;
        while (true) {
            String paged = path.contains("size=") ? path + "&page=" + page : path;
            HttpResponse<String> r = Http.get(base.resolve(paged), token);
            String type = Http.contentType(r);
            if (r.statusCode() != 200) {
                return new Rows(r.statusCode(), type.startsWith("application/problem+json"), out);
            }
            if (type.startsWith("text/csv")) {
                out.addAll(Csv.rows(r.body()));
                return new Rows(200, false, out);
            }
            JsonNode json = Http.json(r);
            JsonNode rows = rowsOf.apply(json);
            rows.forEach(out::add);
            int totalPages = json.path("page").path("totalPages").asInt(1);
            if (!path.contains("size=") || ++page >= totalPages) {
                return new Rows(200, false, out);
            }
        }
    }

    static List<OwnerKey> owners(JsonNode opportunity) {
        List<OwnerKey> out = new ArrayList<>();
        opportunity.path("owners").forEach(o -> out.add(OwnerKey.rep(o.path("repId").asString())));
        return out.isEmpty() ? unknown() : out;
    }

    private static List<OwnerKey> forecastOwners(JsonNode line, Truth truth) {
        List<OwnerKey> out = new ArrayList<>();
        line.path("ownerRepIds").forEach(o -> out.add(OwnerKey.rep(o.asString())));
        return out.isEmpty() ? unknown() : out;
    }

    private static List<OwnerKey> accountOwner(JsonNode account) {
        String owner = account.path("ownerRepId").asString("");
        if (!owner.isEmpty() && !"null".equals(owner)) {
            return List.of(OwnerKey.rep(owner));
        }
        return account.path("inPool").asBoolean(false) ? List.of(new OwnerKey(OwnerKey.Kind.POOL, null)) : unknown();
    }

    private static OwnerKey owner(String type, String id) {
        if (id.isEmpty()) {
            return new OwnerKey(OwnerKey.Kind.UNKNOWN, null);
        }
        return "UNIT".equals(type) ? OwnerKey.unit(id) : OwnerKey.rep(id);
    }

    /** Every node of a targets tree, the root included, without their children. */
    static JsonNode treeNodes(JsonNode root) {
        tools.jackson.databind.node.ArrayNode out = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        java.util.ArrayDeque<JsonNode> queue = new java.util.ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            JsonNode node = queue.removeFirst();
            if (node.isObject() && node.has("ownerId")) {
                out.add(node);
            }
            node.path("children").forEach(queue::add);
        }
        return out;
    }

    private static OwnerKey owner(JsonNode owner) {
        String id = owner.path("id").asString("");
        if (id.isEmpty()) {
            return new OwnerKey(OwnerKey.Kind.UNKNOWN, null);
        }
        return "UNIT".equals(owner.path("type").asString()) ? OwnerKey.unit(id) : OwnerKey.rep(id);
    }

    private static List<OwnerKey> unknown() {
        return List.of(new OwnerKey(OwnerKey.Kind.UNKNOWN, null));
    }
}
