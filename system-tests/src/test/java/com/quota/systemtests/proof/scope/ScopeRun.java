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

    /** A list family: its service, its path for a caller, and the owners of one row. */
    record ListFamily(String name, String service, Function<String, String> path, BiFunction<JsonNode, Truth, List<OwnerKey>> owners) {
    }

    /** A read family: its service, the path of one record, and own / other records per caller. */
    record ReadFamily(String name, String service, Function<String, String> path) {
    }

    /** Who owns what, read as the admin (ownership is data; whether it is in scope comes from the org tree). */
    static final class Truth {
        final Map<String, List<OwnerKey>> opportunityOwners = new HashMap<>();
        final Map<String, Map<String, List<OwnerKey>>> recordOwners = new LinkedHashMap<>();
    }

    private ScopeRun() {
    }

    public static Result run(String title, Setup setup) {
        long started = System.nanoTime();
        Truth truth = truth(setup);
        List<ScopeObservation> observations = new ArrayList<>();
        for (String caller : setup.callers()) {
            Scope scope = setup.rules().of(caller);
            boolean integration = caller.startsWith("client:");
            for (ListFamily family : listFamilies(setup)) {
                if (!setup.runs(family.name())) {
                    continue;
                }
                for (Map.Entry<String, URI> door : setup.doorsByService().get(family.service()).entrySet()) {
                    String path = family.path().apply(caller);
                    Set<Integer> expected = integration ? Set.of(200, 403)
                            : family.name().startsWith("attainment drill-down") || family.name().startsWith("leaderboard")
                            ? (scope.all() || !scope.units().isEmpty() ? Set.of(200) : Set.of(404)) : Set.of(200);
                    observations.add(list(family, door.getKey(), door.getValue(), path, caller, scope, expected, setup, truth));
                }
            }
            for (ReadFamily family : readFamilies()) {
                if (!setup.runs(family.name())) {
                    continue;
                }
                Map<String, List<OwnerKey>> records = truth.recordOwners.getOrDefault(family.name(), Map.of());
                Optional<String> own = records.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(scope::covers)
                        && e.getValue().stream().noneMatch(k -> k.kind() == OwnerKey.Kind.POOL)).map(Map.Entry::getKey).findFirst();
                Optional<String> other = records.entrySet().stream().filter(e -> e.getValue().stream().noneMatch(scope::covers)
                                && e.getValue().stream().allMatch(k -> k.kind() == OwnerKey.Kind.REP || k.kind() == OwnerKey.Kind.UNIT))
                        .map(Map.Entry::getKey).findFirst();
                for (Map.Entry<String, URI> door : setup.doorsByService().get(family.service()).entrySet()) {
                    own.ifPresent(id -> observations.add(read(family.name() + " (own)", door, family.path().apply(id), caller,
                            integration ? Set.of(200, 403) : Set.of(200), setup)));
                    other.ifPresent(id -> observations.add(read(family.name() + " (other's)", door, family.path().apply(id), caller,
                            integration ? Set.of(200, 403) : Set.of(404), setup)));
                }
            }
        }
        List<Verdict> verdicts = ScopeVerdicts.judge(observations);
        Map<String, Map<Integer, Long>> byFamily = new java.util.TreeMap<>();
        observations.forEach(o -> byFamily.computeIfAbsent(o.family(), k -> new java.util.TreeMap<>()).merge(o.status(), 1L, Long::sum));
        StringBuilder report = new StringBuilder(Verdict.table(String.format("%s: %d requests, %d callers, %.0f s", title,
                observations.size(), setup.callers().size(), (System.nanoTime() - started) / 1e9), verdicts));
        report.append("answers per family (status=count):\n");
        byFamily.forEach((f, c) -> report.append(String.format("  %-40s %s%n", f, c)));
        return new Result(verdicts, report.toString());
    }

    static List<ListFamily> listFamilies(Setup setup) {
        String period = setup.periodKey();
        Function<String, String> unitFor = caller -> {
            UUID unit = setup.unitOf().get(caller);
            return (unit == null ? setup.rootUnit() : unit).toString();
        };
        return List.of(
                new ListFamily("opportunities list", "pipeline", c -> "/api/opportunities?size=500", (row, t) -> owners(row)),
                new ListFamily("accounts list", "pipeline", c -> "/api/accounts?size=500", (row, t) -> accountOwner(row)),
                new ListFamily("contracts list", "contract", c -> "/api/contracts?size=500",
                        (row, t) -> t.opportunityOwners.getOrDefault(row.path("opportunityId").asString(""), unknown())),
                new ListFamily("contracts export (CSV)", "contract", c -> "/api/contracts/export",
                        (row, t) -> t.opportunityOwners.getOrDefault(row.path("opportunityId").asString(""), unknown())),
                new ListFamily("commission statements list", "performance", c -> "/api/commissions/statements?size=500",
                        (row, t) -> List.of(OwnerKey.rep(row.path("repId").asString()))),
                new ListFamily("targets list", "target", c -> "/api/targets?size=500", (row, t) -> List.of(owner(row.path("owner")))),
                new ListFamily("leaderboard of the caller's unit", "performance",
                        c -> "/api/scorecards/leaderboard?unitId=" + unitFor.apply(c) + "&periodKey=" + period,
                        (row, t) -> List.of(OwnerKey.rep(row.path("repId").asString()))),
                new ListFamily("attainment drill-down of the caller's unit", "target",
                        c -> "/api/attainment/units/" + unitFor.apply(c) + "/children?metric=BOOKINGS&period=" + period,
                        (row, t) -> List.of(owner(row.path("owner")))));
    }

    static List<ReadFamily> readFamilies() {
        return List.of(
                new ReadFamily("opportunity read", "pipeline", id -> "/api/opportunities/" + id),
                new ReadFamily("account read", "pipeline", id -> "/api/accounts/" + id),
                new ReadFamily("contract read", "contract", id -> "/api/contracts/" + id),
                new ReadFamily("commission statement read", "performance", id -> "/api/commissions/statements/" + id),
                new ReadFamily("rep attainment read", "target", id -> "/api/attainment/reps/" + id + "?metric=BOOKINGS&period=FY2026"),
                new ReadFamily("rep scorecard read", "performance", id -> "/api/scorecards/reps/" + id + "?periodKey=FY2026"),
                new ReadFamily("org rep read", "target", id -> "/api/org/reps/" + id));
    }

    private static Truth truth(Setup setup) {
        Truth truth = new Truth();
        String admin = setup.tokenOf().apply(setup.adminCaller());
        URI pipeline = setup.doorsByService().get("pipeline").values().iterator().next();
        Map<String, List<OwnerKey>> opportunities = new LinkedHashMap<>();
        for (JsonNode row : rows(pipeline, "/api/opportunities?size=500", admin).rows()) {
            truth.opportunityOwners.put(row.path("id").asString(), owners(row));
            opportunities.put(row.path("id").asString(), owners(row));
        }
        truth.recordOwners.put("opportunity read", opportunities);
        if (!setup.doorsByService().containsKey("contract")) {
            return truth;   // a partial run (the planted-fault test): pipeline families only
        }
        URI contract = setup.doorsByService().get("contract").values().iterator().next();
        URI performance = setup.doorsByService().get("performance").values().iterator().next();
        Map<String, List<OwnerKey>> accounts = new LinkedHashMap<>();
        rows(pipeline, "/api/accounts?size=500", admin).rows().forEach(r -> accounts.put(r.path("id").asString(), accountOwner(r)));
        truth.recordOwners.put("account read", accounts);
        Map<String, List<OwnerKey>> contracts = new LinkedHashMap<>();
        rows(contract, "/api/contracts?size=500", admin).rows().forEach(r -> contracts.put(r.path("id").asString(),
                truth.opportunityOwners.getOrDefault(r.path("opportunityId").asString(""), unknown())));
        truth.recordOwners.put("contract read", contracts);
        Map<String, List<OwnerKey>> statements = new LinkedHashMap<>();
        rows(performance, "/api/commissions/statements?size=500", admin).rows().forEach(r -> statements.put(r.path("id").asString(),
                List.of(OwnerKey.rep(r.path("repId").asString()))));
        truth.recordOwners.put("commission statement read", statements);
        Map<String, List<OwnerKey>> reps = new LinkedHashMap<>();
        setup.rules().reps().forEach(rep -> reps.put(rep.toString(), List.of(new OwnerKey(OwnerKey.Kind.REP, rep))));
        truth.recordOwners.put("rep attainment read", reps);
        truth.recordOwners.put("rep scorecard read", reps);
        truth.recordOwners.put("org rep read", reps);
        return truth;
    }

    private static ScopeObservation list(ListFamily family, String via, URI base, String path, String caller, Scope scope,
                                         Set<Integer> expected, Setup setup, Truth truth) {
        Rows rows = rows(base, path, setup.tokenOf().apply(caller));
        List<String> foreign = new ArrayList<>();
        for (JsonNode row : rows.rows()) {
            List<OwnerKey> owners = family.owners().apply(row, truth);
            if (owners.stream().noneMatch(scope::covers)) {
                foreign.add(row.path("id").asString(row.path("repId").asString("")) + " owned by " + owners);
            }
        }
        return new ScopeObservation(family.name(), via, caller, path, expected, rows.status(), rows.problemJson(), rows.rows().size(),
                foreign);
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
            JsonNode rows = json.isArray() ? json : json.has("items") ? json.get("items") : json.path("children");
            rows.forEach(out::add);
            int totalPages = json.path("page").path("totalPages").asInt(1);
            if (!path.contains("size=") || ++page >= totalPages) {
                return new Rows(200, false, out);
            }
        }
    }

    private static List<OwnerKey> owners(JsonNode opportunity) {
        List<OwnerKey> out = new ArrayList<>();
        opportunity.path("owners").forEach(o -> out.add(OwnerKey.rep(o.path("repId").asString())));
        return out.isEmpty() ? unknown() : out;
    }

    private static List<OwnerKey> accountOwner(JsonNode account) {
        String owner = account.path("ownerRepId").asString("");
        if (!owner.isEmpty() && !"null".equals(owner)) {
            return List.of(OwnerKey.rep(owner));
        }
        return account.path("inPool").asBoolean(false) ? List.of(new OwnerKey(OwnerKey.Kind.POOL, null)) : unknown();
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
