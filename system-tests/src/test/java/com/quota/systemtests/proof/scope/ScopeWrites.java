package com.quota.systemtests.proof.scope;

import com.quota.systemtests.Http;
import com.quota.systemtests.proof.scope.ScopeRules.OwnerKey;
import com.quota.systemtests.proof.scope.ScopeRun.Caller;
import com.quota.systemtests.proof.scope.ScopeRun.Setup;
import com.quota.systemtests.proof.scope.ScopeRun.Truth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes into another scope, each of which must be refused and change nothing: a person gets 404 for a record outside
 * their scope, 403 (on their own record too) when their role may never do it; an integration client without the
 * family's token scope gets 403. Before and after each attempt the admin reads the record back through the service
 * (status, ETag and body): any difference is a change made by a refused write. The attempt carries the record's
 * current ETag as If-Match, so a missing scope check would let it through rather than stop it on a stale version.
 * Only refused writes are sent: a company-wide caller whose role may do the write is not asked.
 */
final class ScopeWrites {

    /**
     * One write family: the records it is tried on (a key of {@link Truth#recordOwners}), its method, path and body, the
     * client scopes that would allow it, the person roles that may do it at all (in their scope), and the admin's
     * read-back of the record.
     */
    record WriteFamily(String name, String service, String records, String method, Function<String, String> path, String body,
                       Set<String> clientScopes, Set<String> rolesThatMay, Function<String, String> record,
                       Function<String, String> readBack) {

        WriteFamily(String name, String service, String records, String method, Function<String, String> path, String body,
                    Set<String> clientScopes, Set<String> rolesThatMay, Function<String, String> record) {
            this(name, service, records, method, path, body, clientScopes, rolesThatMay, record, record);
        }
    }

    private static final Set<String> PEOPLE = Set.of("REP", "MANAGER", "DIRECTOR", "ADMIN");
    private static final Set<String> MANAGERS_UP = Set.of("MANAGER", "DIRECTOR", "ADMIN");
    private static final Set<String> DIRECTORS_UP = Set.of("DIRECTOR", "ADMIN");

    private ScopeWrites() {
    }

    static List<WriteFamily> families(String today) {
        Function<String, String> opportunity = id -> "/api/opportunities/" + id;
        Function<String, String> account = id -> "/api/accounts/" + id;
        Function<String, String> contract = id -> "/api/contracts/" + id;
        Function<String, String> target = id -> "/api/targets/" + id;
        Set<String> opportunitiesWrite = Set.of("opportunities.write");
        Set<String> accountsWrite = Set.of("accounts.write");
        Set<String> contractsWrite = Set.of("contracts.write");
        Set<String> targetsWrite = Set.of("targets.write");
        return List.of(
                // pipeline-service: OpportunityUseCases (every person in scope; clients with opportunities.write)
                new WriteFamily("write: opportunity update", "pipeline", "opportunity read", "PUT", opportunity,
                        "{\"title\":\"scope proof: must not be written\"}", opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity advance", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/advance",
                        "{}", opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity win", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/win",
                        "{\"reason\":\"scope proof: must not be written\"}", opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity activity", "pipeline", "opportunity read", "POST",
                        id -> opportunity.apply(id) + "/activities", "{\"kind\":\"CALL\",\"subject\":\"scope proof: must not be written\"}",
                        opportunitiesWrite, PEOPLE, opportunity, id -> opportunity.apply(id) + "/activities"),
                // AccountUseCases: update by anyone in scope; assign by a manager, director or admin
                new WriteFamily("write: account update", "pipeline", "account read", "PUT", account,
                        "{\"name\":\"scope proof: must not be written\"}", accountsWrite, PEOPLE, account),
                new WriteFamily("write: account release to the pool", "pipeline", "account read", "POST", id -> account.apply(id) + "/release",
                        "{\"reason\":\"scope proof: must not be written\"}", accountsWrite, PEOPLE, account),
                // contract-service: approvals by the open step's approver; payments ADMIN/DIRECTOR/MANAGER or payments.write;
                // terminate a manager or above (ContractController.requireManagerOrAbove)
                // a rep never decides a step: 403 whatever the contract's state (ContractService.decide checks the role first)
                new WriteFamily("write: contract approve", "contract", "contract read", "POST", id -> contract.apply(id) + "/approve",
                        "{\"comment\":\"scope proof: must not be written\"}", contractsWrite, MANAGERS_UP, contract),
                new WriteFamily("write: contract payment", "contract", "contract read", "POST", id -> contract.apply(id) + "/payments",
                        "{\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"},\"receivedDate\":\"" + today + "\"}",
                        Set.of("payments.write"), MANAGERS_UP, contract, id -> contract.apply(id) + "/payments"),
                new WriteFamily("write: contract terminate", "contract", "contract read", "POST", id -> contract.apply(id) + "/terminate",
                        "{\"terminationDate\":\"" + today + "\",\"reason\":\"scope proof: must not be written\"}", contractsWrite, MANAGERS_UP,
                        contract),
                // target-service: TargetLifecycle (submit by the owner or above; approve by a manager above, a director, an admin)
                new WriteFamily("write: target submit", "target", "target audit", "POST", id -> target.apply(id) + "/submit", null,
                        targetsWrite, PEOPLE, target),
                new WriteFamily("write: target approve", "target", "target audit", "POST", id -> target.apply(id) + "/approve", null,
                        targetsWrite, MANAGERS_UP, target),
                // performance-service: plans are changed by directors and admins only (CommissionController.requirePlanAdmin)
                new WriteFamily("write: commission plan change", "performance", "commission plan", "PUT", id -> "/api/commissions/plans/" + id,
                        "{\"name\":\"scope proof: must not be written\",\"reason\":\"scope proof\"}", Set.of(), DIRECTORS_UP,
                        id -> "/api/commissions/plans/" + id));
    }

    /** Every refused write of every family for one caller, through every door, each read back as the admin. */
    static List<ScopeObservation> attempt(Caller caller, String role, Setup setup, Truth truth, String today) {
        List<ScopeObservation> out = new ArrayList<>();
        for (WriteFamily family : families(today)) {
            if (!setup.runs(family.name()) || !setup.doorsByService().containsKey(family.service())) {
                continue;
            }
            Map<String, List<OwnerKey>> records = truth.recordOwners.getOrDefault(family.records(), Map.of());
            Optional<String> record;
            Set<Integer> expected;
            String which;
            if (caller.integration()) {
                if (family.clientScopes().stream().anyMatch(caller.clientScopes()::contains)) {
                    continue;   // company-wide and allowed: not a refusal to prove
                }
                record = records.keySet().stream().findFirst();
                expected = Set.of(403);
                which = "";
            } else if (!family.rolesThatMay().contains(role)) {
                record = ScopeRun.ownRecord(records, caller).or(() -> records.keySet().stream().findFirst());
                expected = Set.of(403);
                which = " (role may not)";
            } else {
                record = ScopeRun.otherRecord(records, caller, setup);
                expected = Set.of(404);
                which = " (other's)";
            }
            if (record.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, URI> door : setup.doorsByService().get(family.service()).entrySet()) {
                out.add(attempt(family, family.name() + which, door, record.get(), caller.name(), expected, setup));
            }
        }
        return out;
    }

    private static ScopeObservation attempt(WriteFamily family, String name, Map.Entry<String, URI> door, String id, String caller,
                                            Set<Integer> expected, Setup setup) {
        URI service = setup.doorsByService().get(family.service()).values().iterator().next();
        String admin = setup.tokenOf().apply(setup.adminCaller());
        String recordPath = family.record().apply(id);
        List<String> readBacks = recordPath.equals(family.readBack().apply(id)) ? List.of(recordPath)
                : List.of(recordPath, family.readBack().apply(id));
        List<HttpResponse<String>> before = readBacks.stream().map(p -> Http.get(service.resolve(p), admin)).toList();
        String etag = before.get(0).headers().firstValue("ETag").orElse("\"0\"");
        String path = family.path().apply(id);
        HttpRequest.Builder request = HttpRequest.newBuilder(door.getValue().resolve(path))
                .header("Authorization", "Bearer " + setup.tokenOf().apply(caller)).header("If-Match", etag)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (family.body() != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = Http.send(request.method(family.method(), family.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(family.body())));
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < readBacks.size(); i++) {
            HttpResponse<String> was = before.get(i);
            HttpResponse<String> now = Http.get(service.resolve(readBacks.get(i)), admin);
            if (was.statusCode() != now.statusCode() || !was.body().equals(now.body())
                    || !was.headers().firstValue("ETag").equals(now.headers().firstValue("ETag"))) {
                changes.add(readBacks.get(i) + " (status " + was.statusCode() + " -> " + now.statusCode() + ", ETag "
                        + was.headers().firstValue("ETag").orElse("-") + " -> " + now.headers().firstValue("ETag").orElse("-") + ")");
            }
        }
        return new ScopeObservation(name, door.getKey(), caller, family.method() + " " + path, expected, answer.statusCode(),
                Http.contentType(answer).startsWith("application/problem+json"), 0, List.of(), changes);
    }
}
