package com.quota.systemtests.proof.scope;

import com.quota.systemtests.Http;
import com.quota.systemtests.proof.scope.ScopeRules.OwnerKey;
import com.quota.systemtests.proof.scope.ScopeRun.Caller;
import com.quota.systemtests.proof.scope.ScopeRun.Setup;
import com.quota.systemtests.proof.scope.ScopeRun.Truth;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The writes of the scope part. Refused writes: a person gets 404 for a record outside their scope, 403 (on their own
 * record too) when their role may never do it; an integration client without the family's token scope gets 403. Before
 * and after each attempt the admin reads the record back through the service (status, ETag and body): any difference is
 * a change made by a refused write. The attempt carries the record's current ETag as If-Match, so a missing scope check
 * would let it through rather than stop it on a stale version. Allowed writes ({@link #allowedFamilies}): a person whose
 * role may do the write, on a record in their scope, and a client holding the family's token scope, on any record, must
 * get 2xx and the admin's read-back must differ; they are benign (a title, a name, a follow-up) and run after every other
 * family, so the ownership read once at the start stays true.
 */
final class ScopeWrites {

    /**
     * The body of a write for a caller, from the record as the admin read it just before and the record's id (the key of
     * {@link Truth#recordOwners} it was picked by); null: no body.
     */
    @FunctionalInterface
    interface Body {
        String of(Caller caller, JsonNode record, String id);

        static Body fixed(String body) {
            return (caller, record, id) -> body;
        }
    }

    /**
     * One write family: the records it is tried on (a key of {@link Truth#recordOwners}), its method, path and body, the
     * client scopes that would allow it, the person roles that may do it at all (in their scope), the admin's read-back
     * of the record, and which records an allowed write may take (one whose state allows it).
     */
    record WriteFamily(String name, String service, String records, String method, Function<String, String> path, Body body,
                       Set<String> clientScopes, Set<String> rolesThatMay, Function<String, String> record,
                       Function<String, String> readBack, BiPredicate<String, Truth> eligible) {

        WriteFamily(String name, String service, String records, String method, Function<String, String> path, Body body,
                    Set<String> clientScopes, Set<String> rolesThatMay, Function<String, String> record) {
            this(name, service, records, method, path, body, clientScopes, rolesThatMay, record, record, (id, truth) -> true);
        }

        WriteFamily(String name, String service, String records, String method, Function<String, String> path, Body body,
                    Set<String> clientScopes, Set<String> rolesThatMay, Function<String, String> record,
                    Function<String, String> readBack) {
            this(name, service, records, method, path, body, clientScopes, rolesThatMay, record, readBack, (id, truth) -> true);
        }
    }

    private static final Set<String> PEOPLE = Set.of("REP", "MANAGER", "DIRECTOR", "ADMIN");
    private static final Set<String> MANAGERS_UP = Set.of("MANAGER", "DIRECTOR", "ADMIN");
    private static final Set<String> DIRECTORS_UP = Set.of("DIRECTOR", "ADMIN");
    /** What an allowed write appends to a title or name, and takes away again on the next one: every write changes it. */
    static final String MARK = " (scope proof)";

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
        Set<String> noClient = Set.of();
        String reason = "\"reason\":\"scope proof: must not be written\"";
        return List.of(
                // pipeline-service: OpportunityUseCases (every person in scope; clients with opportunities.write)
                new WriteFamily("write: opportunity update", "pipeline", "opportunity read", "PUT", opportunity,
                        Body.fixed("{\"title\":\"scope proof: must not be written\"}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity advance", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/advance",
                        Body.fixed("{}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity win", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/win",
                        Body.fixed("{" + reason + "}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity activity", "pipeline", "opportunity read", "POST",
                        id -> opportunity.apply(id) + "/activities", Body.fixed("{\"kind\":\"CALL\",\"subject\":\"scope proof: must not be written\"}"),
                        opportunitiesWrite, PEOPLE, opportunity, id -> opportunity.apply(id) + "/activities"),
                // transfer: ownersCommand checks the new owner is a known rep, then command() the scope (404) and the
                // client scope (403); the new owner is the caller's own rep (known), so the scope decides
                new WriteFamily("write: opportunity transfer", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/transfer",
                        (c, r, id) -> "{\"toRepId\":\"" + c.ownRep() + "\"," + reason + "}", opportunitiesWrite, PEOPLE, opportunity,
                        id -> opportunity.apply(id) + "/ownership-history"),
                // lose, reopen, archive: command() (scope, then version, then the status's rule in Opportunity)
                new WriteFamily("write: opportunity lose", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/lose",
                        Body.fixed("{" + reason + ",\"competitor\":\"scope proof\"}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity reopen", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/reopen",
                        Body.fixed("{" + reason + "}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity archive", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/archive",
                        Body.fixed("{" + reason + "}"), opportunitiesWrite, PEOPLE, opportunity),
                // move-back, suspend, reactivate, terminate: command() like lose (OpportunityUseCases.moveBack, suspend,
                // reactivate, terminate; the body is optional, the stage or reason within its size)
                new WriteFamily("write: opportunity move back", "pipeline", "opportunity read", "POST",
                        id -> opportunity.apply(id) + "/move-back", Body.fixed("{}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity suspend", "pipeline", "opportunity read", "POST", id -> opportunity.apply(id) + "/suspend",
                        Body.fixed("{" + reason + "}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity reactivate", "pipeline", "opportunity read", "POST",
                        id -> opportunity.apply(id) + "/reactivate", Body.fixed("{" + reason + "}"), opportunitiesWrite, PEOPLE, opportunity),
                new WriteFamily("write: opportunity terminate", "pipeline", "opportunity read", "POST",
                        id -> opportunity.apply(id) + "/terminate", Body.fixed("{" + reason + "}"), opportunitiesWrite, PEOPLE, opportunity),
                // owners (split change): ownersCommand like transfer (OpportunityUseCases.changeOwners): a valid split (the
                // caller's own rep, 100%, primary: Owners), then command() the scope (404) and the client scope (403)
                new WriteFamily("write: opportunity owners", "pipeline", "opportunity read", "PUT", id -> opportunity.apply(id) + "/owners",
                        (c, r, id) -> "{\"owners\":[{\"repId\":\"" + c.ownRep() + "\",\"splitPercent\":100,\"primary\":true}],"
                                + reason + "}", opportunitiesWrite, PEOPLE, opportunity, id -> opportunity.apply(id) + "/ownership-history"),
                // AccountUseCases: update by anyone in scope; assign by a manager, director or admin
                new WriteFamily("write: account update", "pipeline", "account read", "PUT", account,
                        Body.fixed("{\"name\":\"scope proof: must not be written\"}"), accountsWrite, PEOPLE, account),
                new WriteFamily("write: account release to the pool", "pipeline", "account read", "POST", id -> account.apply(id) + "/release",
                        Body.fixed("{" + reason + "}"), accountsWrite, PEOPLE, account),
                // claim: a REP or MANAGER with a rep id only (403 first: a director, an admin, every client), then an
                // account owned by another is 404 (AccountUseCases.claim)
                new WriteFamily("write: account claim", "pipeline", "account read", "POST", id -> account.apply(id) + "/claim",
                        null, noClient, Set.of("REP", "MANAGER"), account),
                // assign: requireAssigner (a REP 403), the client scope accounts.write (403), the new owner in scope, then
                // the account in scope (404); the new owner is the caller's own rep
                new WriteFamily("write: account assign", "pipeline", "account read", "POST", id -> account.apply(id) + "/assign",
                        (c, r, id) -> "{\"repId\":\"" + c.ownRep() + "\"," + reason + "}", accountsWrite, MANAGERS_UP, account),
                // the pool's bulk assign, tried on a rep as the new owner: AccountUseCases.bulkAssign (requireAssigner: a REP
                // 403; the client scope accounts.write 403; then every rep named in scope, else 404); read back: the pool
                // and the rep's accounts (limit 1: one account at most would move if a check were missing)
                new WriteFamily("write: pool bulk assign", "pipeline", "org rep read", "POST", id -> "/api/accounts/pool/assign",
                        (c, r, id) -> "{\"repIds\":[\"" + id + "\"],\"limit\":1," + reason + "}", accountsWrite, MANAGERS_UP,
                        id -> "/api/accounts?inPool=true&size=500", id -> "/api/accounts?ownerRepId=" + id + "&size=500"),
                // contract-service: approvals by the open step's approver; payments ADMIN/DIRECTOR/MANAGER or payments.write;
                // terminate a manager or above (ContractController.requireManagerOrAbove)
                // a rep or a client never decides a step: 403 whatever the contract's state (ContractService.decide checks
                // the role first: approverRoles is empty for an INTEGRATION client, whatever its token scopes)
                new WriteFamily("write: contract approve", "contract", "contract read", "POST", id -> contract.apply(id) + "/approve",
                        Body.fixed("{\"comment\":\"scope proof: must not be written\"}"), noClient, MANAGERS_UP, contract),
                new WriteFamily("write: contract reject", "contract", "contract read", "POST", id -> contract.apply(id) + "/reject",
                        Body.fixed("{\"comment\":\"scope proof: must not be written\"}"), noClient, MANAGERS_UP, contract),
                new WriteFamily("write: contract payment", "contract", "contract read", "POST", id -> contract.apply(id) + "/payments",
                        Body.fixed("{\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"},\"receivedDate\":\"" + today + "\"}"),
                        Set.of("payments.write"), MANAGERS_UP, contract, id -> contract.apply(id) + "/payments"),
                new WriteFamily("write: contract terminate", "contract", "contract read", "POST", id -> contract.apply(id) + "/terminate",
                        Body.fixed("{\"terminationDate\":\"" + today + "\"," + reason + "}"), contractsWrite, MANAGERS_UP, contract),
                // submit, revise, sign, the payment plan: ContractService.change (client scope contracts.write 403, then
                // the scope 404, then If-Match, then the state); no role check: any person in scope
                new WriteFamily("write: contract submit", "contract", "contract read", "POST", id -> contract.apply(id) + "/submit",
                        null, contractsWrite, PEOPLE, contract),
                new WriteFamily("write: contract revise", "contract", "contract read", "POST", id -> contract.apply(id) + "/revise",
                        Body.fixed("{\"terms\":\"scope proof: must not be written\"}"), contractsWrite, PEOPLE, contract),
                new WriteFamily("write: contract sign", "contract", "contract read", "POST", id -> contract.apply(id) + "/sign",
                        Body.fixed("{\"signedDate\":\"" + today + "\"}"), contractsWrite, PEOPLE, contract),
                new WriteFamily("write: contract payment plan", "contract", "contract read", "PUT", id -> contract.apply(id) + "/payment-plan",
                        Body.fixed("{\"instalments\":[{\"dueDate\":\"" + today + "\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}}]}"),
                        contractsWrite, PEOPLE, contract),
                // amend: ContractService.requireRole (ADMIN, DIRECTOR, MANAGER or a client with contracts.write: 403 first),
                // then change() (scope 404)
                new WriteFamily("write: contract amend", "contract", "contract read", "POST", id -> contract.apply(id) + "/amendments",
                        Body.fixed("{\"terms\":\"scope proof\",\"effectiveDate\":\"" + today + "\"," + reason + "}"), contractsWrite,
                        MANAGERS_UP, contract, id -> contract.apply(id) + "/versions"),
                // suspend, resume, complete, close: ContractController.requireManagerOrAbove (a REP 403 first; an
                // INTEGRATION client passes), then ContractService.change (contracts.write 403, the scope 404)
                new WriteFamily("write: contract suspend", "contract", "contract read", "POST", id -> contract.apply(id) + "/suspend",
                        Body.fixed("{" + reason + "}"), contractsWrite, MANAGERS_UP, contract),
                new WriteFamily("write: contract resume", "contract", "contract read", "POST", id -> contract.apply(id) + "/resume",
                        Body.fixed("{" + reason + "}"), contractsWrite, MANAGERS_UP, contract),
                new WriteFamily("write: contract complete", "contract", "contract read", "POST", id -> contract.apply(id) + "/complete",
                        Body.fixed("{\"date\":\"" + today + "\"}"), contractsWrite, MANAGERS_UP, contract),
                new WriteFamily("write: contract close", "contract", "contract read", "POST", id -> contract.apply(id) + "/close",
                        null, contractsWrite, MANAGERS_UP, contract),
                // start execution, the milestone plan and a milestone's completion: ContractService.change only (no role
                // check: any person in scope, a client with contracts.write); the milestone id is a fresh one, looked for
                // only after the scope
                new WriteFamily("write: contract start execution", "contract", "contract read", "POST",
                        id -> contract.apply(id) + "/start-execution", null, contractsWrite, PEOPLE, contract),
                new WriteFamily("write: contract milestone plan", "contract", "contract read", "PUT", id -> contract.apply(id) + "/milestones",
                        Body.fixed("{\"milestones\":[{\"name\":\"scope proof\",\"weight\":100,\"dueDate\":\"" + today + "\"}]}"),
                        contractsWrite, PEOPLE, contract),
                new WriteFamily("write: contract milestone complete", "contract", "contract read", "POST",
                        id -> contract.apply(id) + "/milestones/" + UUID.nameUUIDFromBytes(id.getBytes()) + "/complete",
                        Body.fixed("{\"date\":\"" + today + "\"}"), contractsWrite, PEOPLE, contract),
                // target-service: TargetLifecycle (submit by the owner or above; approve by a manager above, a director, an admin)
                new WriteFamily("write: target submit", "target", "target audit", "POST", id -> target.apply(id) + "/submit", null,
                        targetsWrite, PEOPLE, target),
                new WriteFamily("write: target approve", "target", "target audit", "POST", id -> target.apply(id) + "/approve", null,
                        targetsWrite, MANAGERS_UP, target),
                // TargetService.change: a client's targets.write first (403), then the scope (404); every person may edit a
                // draft in scope (TargetLifecycle.requireMayEditDraft). Until 2026-11-27 any client could (no token check)
                new WriteFamily("write: target draft amounts", "target", "target audit", "PUT", id -> target.apply(id) + "/amounts",
                        Body.fixed("{\"levels\":[{\"level\":\"TARGET\",\"annual\":\"1.00\"}]}"), targetsWrite, PEOPLE, target),
                // TargetService.change: the scope (404), If-Match, then TargetLifecycle.requireMayPerform (403): reject and
                // revise like approve (a MANAGER for targets below them), publish a DIRECTOR or ADMIN; an INTEGRATION
                // client may none of them, whatever its token scopes
                new WriteFamily("write: target reject", "target", "target audit", "POST", id -> target.apply(id) + "/reject", null,
                        noClient, MANAGERS_UP, target),
                new WriteFamily("write: target revise", "target", "target audit", "POST", id -> target.apply(id) + "/revisions",
                        Body.fixed("{" + reason + "}"), noClient, MANAGERS_UP, target, id -> target.apply(id) + "/versions"),
                new WriteFamily("write: target publish", "target", "target audit", "POST", id -> target.apply(id) + "/publish", null,
                        noClient, DIRECTORS_UP, target),
                // allocation and split by dimension: AllocationService.allocate / splitByDimension refuse a REP and every
                // INTEGRATION client first (403), then the scope (404), then EDIT (TargetLifecycle.requireMayPerform); both
                // record an audit entry on the parent when saved (not a preview)
                new WriteFamily("write: target allocation", "target", "target audit", "POST", id -> target.apply(id) + "/allocations",
                        Body.fixed("{\"method\":\"EQUAL\"}"), noClient, MANAGERS_UP, target, id -> target.apply(id) + "/audit"),
                new WriteFamily("write: target dimension split", "target", "target audit", "POST",
                        id -> target.apply(id) + "/dimension-splits",
                        Body.fixed("{\"dimension\":\"CHANNEL\",\"splits\":[{\"value\":\"scope proof\",\"percent\":\"100\"}]}"),
                        noClient, MANAGERS_UP, target, id -> target.apply(id) + "/audit"),
                // distribution (saved, not a preview): AllocationService.distribute reads the target through
                // TargetService.visibleTarget (a client without targets.read 403, the scope 404), then TargetService.editAmounts
                // (a client's targets.write 403); every person may edit a draft in scope
                new WriteFamily("write: target distribution", "target", "target audit", "POST", id -> target.apply(id) + "/distribution",
                        Body.fixed("{\"method\":\"EVEN\"}"), targetsWrite, PEOPLE, target),
                // org moves: OrgTreeService.requireMayChangeTree (ADMIN, DIRECTOR, or a client with org.write: 403 before
                // anything else); the tree is company-wide for those who may, so only refusals by role are asked
                new WriteFamily("write: org rep move", "target", "org rep read", "POST", id -> "/api/org/reps/" + id + "/moves",
                        (c, r, id) -> "{\"unitId\":\"" + c.ownUnit() + "\"," + reason + "}", Set.of("org.write"), DIRECTORS_UP,
                        id -> "/api/org/reps/" + id),
                // performance-service: plans are changed by directors and admins only (CommissionController.requirePlanAdmin)
                new WriteFamily("write: commission plan change", "performance", "commission plan", "PUT", id -> "/api/commissions/plans/" + id,
                        Body.fixed("{\"name\":\"scope proof: must not be written\",\"reason\":\"scope proof\"}"), Set.of(), DIRECTORS_UP,
                        id -> "/api/commissions/plans/" + id),
                // statement issue, tried on a rep: CommissionController.issue (a MANAGER, DIRECTOR or ADMIN: a REP and every
                // client 403 first), then requireVisibleRep (404); read back: the rep's issued statements
                new WriteFamily("write: commission statement issue", "performance", "commission statement draft", "POST",
                        id -> "/api/commissions/statements", (c, r, id) -> "{\"repId\":\"" + id + "\",\"periodKey\":\"FY2026\"}",
                        noClient, MANAGERS_UP, id -> "/api/commissions/statements/draft?periodKey=FY2026&repId=" + id,
                        id -> "/api/commissions/statements?repId=" + id),
                // soft rating, tried on a rep: ScorecardController.rate (a MANAGER, DIRECTOR or ADMIN: a REP and every client
                // 403 first; the body's checks; a manager rating themselves 422), then requireVisibleRep (404); read back:
                // the rep's scorecard of the period
                new WriteFamily("write: scorecard rating", "performance", "rep scorecard read", "POST", id -> "/api/scorecards/ratings",
                        (c, r, id) -> "{\"repId\":\"" + id + "\",\"periodKey\":\"FY2026\",\"measure\":\"TEAMWORK\",\"rating\":3,"
                                + "\"comment\":\"scope proof: must not be written\"}",
                        noClient, MANAGERS_UP, id -> "/api/scorecards/reps/" + id + "?periodKey=FY2026"));
    }

    /**
     * The writes a caller may do and must see succeed: benign ones that move neither ownership nor money. Who may is
     * the same rule as the refused families' (OpportunityUseCases.command / addActivity: every person in scope and a
     * client with opportunities.write; AccountUseCases.update: every person in scope, a client with accounts.write),
     * on a record whose state allows the write (an update needs an OPEN or SUSPENDED deal, OpportunityStatus; amounts a
     * DRAFT target, TargetLifecycle).
     */
    static List<WriteFamily> allowedFamilies() {
        Function<String, String> opportunity = id -> "/api/opportunities/" + id;
        Function<String, String> account = id -> "/api/accounts/" + id;
        BiPredicate<String, Truth> updatable = (id, truth) -> Set.of("OPEN", "SUSPENDED").contains(status(id, truth));
        BiPredicate<String, Truth> followable = (id, truth) -> Set.of("OPEN", "SUSPENDED", "WON", "LOST").contains(status(id, truth));
        return List.of(
                new WriteFamily("allowed write: opportunity update", "pipeline", "opportunity read", "PUT", opportunity,
                        (c, r, id) -> json().put("title", toggled(r.path("title").asString(""))).toString(),
                        Set.of("opportunities.write"), PEOPLE, opportunity, opportunity, updatable),
                new WriteFamily("allowed write: opportunity activity", "pipeline", "opportunity read", "POST",
                        id -> opportunity.apply(id) + "/activities",
                        (c, r, id) -> json().put("kind", "CALL").put("subject", "scope proof: allowed write by " + c.name()).toString(),
                        Set.of("opportunities.write"), PEOPLE, opportunity, id -> opportunity.apply(id) + "/activities", followable),
                // a PUT replaces name, region, segment and industry: the others are sent as they are
                new WriteFamily("allowed write: account update", "pipeline", "account read", "PUT", account,
                        (c, r, id) -> json().put("name", toggled(r.path("name").asString(""))).put("region", text(r, "region"))
                                .put("segment", text(r, "segment")).put("industry", text(r, "industry")).toString(),
                        Set.of("accounts.write"), PEOPLE, account),
                // a DRAFT's amounts (next year's drafts of the demo): TargetService.change (scope 404, If-Match, role,
                // then EDIT only from a DRAFT 409), TargetLifecycle.requireMayPerform EDIT, the owner (REP
                // own), a MANAGER own or subtree, DIRECTOR, ADMIN; every level is sent as it is but the first month of
                // the first, which moves by one (up from an even figure, down from an odd one: two writes undo each other)
                new WriteFamily("allowed write: target draft amounts", "target", "target audit", "PUT", id -> "/api/targets/" + id + "/amounts",
                        (c, r, id) -> draftAmounts(r), Set.of("targets.write"), PEOPLE, id -> "/api/targets/" + id, id -> "/api/targets/" + id,
                        ScopeWrites::nextYearsDraft));
    }

    /**
     * A target of a later fiscal year than the run's, still at its first version: one of next year's drafts the demo
     * loads (the list carries no status; a target that is not a DRAFT after all answers 409 and turns the verdict red).
     */
    private static boolean nextYearsDraft(String id, Truth truth) {
        JsonNode row = truth.targets.get(id);
        return row != null && row.path("fiscalYear").asString("").compareTo(truth.periodKey) > 0
                && row.path("latestVersionNumber").asInt(0) == 1;
    }

    /** The amounts body of a target as read, every month as it is but the first level's first month moved by one. */
    private static String draftAmounts(JsonNode target) {
        ObjectNode body = json();
        ArrayNode levels = body.putArray("levels");
        boolean first = true;
        for (JsonNode level : target.path("levels")) {
            ObjectNode out = levels.addObject().put("level", level.path("level").asString());
            ArrayNode months = out.putArray("months");
            for (JsonNode month : level.path("months")) {
                BigDecimal amount = new BigDecimal(month.path("amount").asString("0"));
                if (first) {
                    amount = amount.toBigInteger().testBit(0) ? amount.subtract(BigDecimal.ONE) : amount.add(BigDecimal.ONE);
                    first = false;
                }
                months.add(amount.toPlainString());
            }
        }
        return body.toString();
    }

    private static String status(String opportunityId, Truth truth) {
        JsonNode row = truth.opportunities.get(opportunityId);
        return row == null ? "" : row.path("status").asString("");
    }

    private static ObjectNode json() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isString() ? value.asString() : null;
    }

    /** The text with {@link #MARK} appended, or taken away when it is there. */
    static String toggled(String text) {
        return text.endsWith(MARK) ? text.substring(0, text.length() - MARK.length()) : text + MARK;
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
                out.add(attempt(family, family.name() + which, door, record.get(), caller, expected, setup, false));
            }
        }
        return out;
    }

    /**
     * Every allowed write of every family for one caller, through every door: a person whose role may, on the first
     * record of its scope whose state allows the write (not a pool account); a client holding the family's scope, on
     * the first such record of all. Each must answer 2xx and change the record as the admin reads it back.
     */
    static List<ScopeObservation> allow(Caller caller, String role, Setup setup, Truth truth) {
        List<ScopeObservation> out = new ArrayList<>();
        for (WriteFamily family : allowedFamilies()) {
            if (!setup.runs(family.name()) || !setup.doorsByService().containsKey(family.service())) {
                continue;
            }
            boolean may = caller.integration() ? family.clientScopes().stream().anyMatch(caller.clientScopes()::contains)
                    : family.rolesThatMay().contains(role);
            if (!may) {
                continue;   // a refusal: proven by the refused families
            }
            Map<String, List<OwnerKey>> records = new LinkedHashMap<>();
            truth.recordOwners.getOrDefault(family.records(), Map.of()).forEach((id, owners) -> {
                if (family.eligible().test(id, truth) && owners.stream().noneMatch(k -> k.kind() == OwnerKey.Kind.POOL)) {
                    records.put(id, owners);
                }
            });
            Optional<String> record = caller.integration() ? records.keySet().stream().findFirst() : ScopeRun.ownRecord(records, caller);
            if (record.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, URI> door : setup.doorsByService().get(family.service()).entrySet()) {
                out.add(attempt(family, family.name(), door, record.get(), caller, Set.of(200, 201), setup, true));
            }
        }
        return out;
    }

    private static ScopeObservation attempt(WriteFamily family, String name, Map.Entry<String, URI> door, String id, Caller caller,
                                            Set<Integer> expected, Setup setup, boolean allowed) {
        URI service = setup.doorsByService().get(family.service()).values().iterator().next();
        String admin = setup.tokenOf().apply(setup.adminCaller());
        String recordPath = family.record().apply(id);
        List<String> readBacks = recordPath.equals(family.readBack().apply(id)) ? List.of(recordPath)
                : List.of(recordPath, family.readBack().apply(id));
        List<HttpResponse<String>> before = readBacks.stream().map(p -> Http.get(service.resolve(p), admin)).toList();
        String etag = before.get(0).headers().firstValue("ETag").orElse("\"0\"");
        String path = family.path().apply(id);
        String body = family.body() == null ? null : family.body().of(caller, record(before.get(0)), id);
        HttpRequest.Builder request = HttpRequest.newBuilder(door.getValue().resolve(path))
                .header("Authorization", "Bearer " + setup.tokenOf().apply(caller.name())).header("If-Match", etag)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = Http.send(request.method(family.method(), body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
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
        return new ScopeObservation(name, door.getKey(), caller.name(), family.method() + " " + path, expected, answer.statusCode(),
                Http.contentType(answer).startsWith("application/problem+json"), 0, List.of(), changes, allowed);
    }

    /** The record as the admin read it (an empty object when that was not JSON). */
    private static JsonNode record(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !Http.contentType(response).contains("json")) {
            return json();
        }
        try {
            return Http.json(response);
        } catch (RuntimeException notJson) {
            return json();
        }
    }
}
