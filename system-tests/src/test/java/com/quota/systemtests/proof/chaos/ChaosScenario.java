package com.quota.systemtests.proof.chaos;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the chaos run needs before the faults, built through the gateway as a client would: a company with a region,
 * two teams and two reps in each (target-service), a pipeline and an account per rep (pipeline-service), and a pool
 * of contracts per rep taken to IN_EXECUTION (contract-service; the 0–100k approval band is given to the ADMIN by
 * its API, so the run needs no manager's login).
 */
public final class ChaosScenario {

    static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");
    static final BigDecimal CONTRACT_VALUE = new BigDecimal("90000.00");
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final OrgTree org = new OrgTree();
    final List<UUID> reps = new ArrayList<>();
    final Map<UUID, String> accountOfRep = new LinkedHashMap<>();
    final Map<UUID, UUID> repOfContract = new LinkedHashMap<>();
    String pipeline;

    public static LocalDate today() {
        return LocalDate.now(COMPANY_ZONE);
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            body.put((String) keyValues[i], value instanceof UUID || value instanceof LocalDate ? value.toString() : value);
        }
        return body;
    }

    public static Map<String, Object> cny(BigDecimal amount) {
        return body("amount", amount.toPlainString(), "currency", "CNY");
    }

    public String run() {
        return run;
    }

    public List<UUID> reps() {
        return List.copyOf(reps);
    }

    public String accountOf(UUID rep) {
        return accountOfRep.get(rep);
    }

    public String pipeline() {
        return pipeline;
    }

    public OrgTree org() {
        return org;
    }

    /** Builds the org tree, the pipeline, an account per rep, and {@code contractsPerRep} contracts in execution per rep. */
    public void build(ProofStack stack, Expectations expectations, int contractsPerRep) {
        UUID company = UUID.randomUUID();
        UUID region = UUID.randomUUID();
        putUnit(stack, company, null, "COMPANY", "CH-" + run);
        putUnit(stack, region, company, "REGION", "CH-R-" + run);
        org.unit(company, null).unit(region, company);
        for (int t = 0; t < 2; t++) {
            UUID team = UUID.randomUUID();
            putUnit(stack, team, region, "TEAM", "CH-T" + t + "-" + run);
            org.unit(team, region);
            for (int r = 0; r < 2; r++) {
                UUID rep = UUID.randomUUID();
                ok(stack.call("PUT", "/api/org/reps/" + rep, stack.admin(), body("username", "rep.chaos." + run + "." + t + r,
                        "displayName", "Chaos rep " + t + r, "role", "REP", "unitId", team, "title", "Account Executive",
                        "validFrom", "2025-01-01")), "rep");
                org.rep(rep, team);
                reps.add(rep);
            }
        }
        pipeline = created(stack.call("POST", "/api/pipelines", stack.admin(), body("externalRef", "CH-PIPE-" + run,
                "name", "Chaos " + run, "stages", List.of(
                        stage("QUALIFICATION", 25, "PIPELINE", 21, null),
                        stage("NEGOTIATION", 75, "COMMIT", 14, null),
                        stage("WON", 100, "COMMIT", 0, "WON"),
                        stage("LOST", 0, "OMITTED", 0, "LOST")))), "pipeline").get("id").asString();
        for (UUID rep : reps) {
            accountOfRep.put(rep, awaitKnown(() -> stack.call("POST", "/api/accounts", stack.crm(), body("externalRef", "CH-ACC-" + run + "-" + rep,
                    "name", "Customer of " + rep, "segment", "ENTERPRISE", "ownerRepId", rep)), "account").get("id").asString());
        }
        approvalByAdminUpTo100k(stack);
        for (UUID rep : reps) {
            for (int c = 0; c < contractsPerRep; c++) {
                UUID contract = contractInExecution(stack, rep, "CH-CON-" + run + "-" + rep + "-" + c);
                repOfContract.put(contract, rep);
                expectations.signed(contract, rep, CONTRACT_VALUE);
            }
        }
    }

    private UUID contractInExecution(ProofStack stack, UUID rep, String ref) {
        ProofStack.Answer draft = awaitKnownAnswer(() -> stack.call("POST", "/api/contracts", stack.erp(), body("externalRef", ref,
                "accountId", accountOfRep.get(rep), "title", "Contract " + ref,
                "owners", List.of(body("repId", rep, "splitPercent", "100", "primary", true)),
                "value", cny(CONTRACT_VALUE), "startDate", today(), "endDate", today().plusYears(1))), "contract");
        UUID id = UUID.fromString(draft.json().get("id").asString());
        String etag = draft.etag();
        etag = step(stack, id, "submit", stack.erp(), null, etag);
        etag = step(stack, id, "approve", stack.admin(), body("comment", "chaos proof"), etag);
        etag = step(stack, id, "sign", stack.admin(), body("signedDate", today()), etag);
        step(stack, id, "start-execution", stack.admin(), null, etag);
        return id;
    }

    private static String step(ProofStack stack, UUID contract, String action, String token, Object body, String etag) {
        ProofStack.Answer answer = stack.call("POST", "/api/contracts/" + contract + "/" + action, token, body,
                etag == null ? Map.of() : Map.of("If-Match", etag), Duration.ofSeconds(30));
        ok(answer, action);
        return answer.etag();
    }

    /** contract-service is seeded with a MANAGER for 0–100k; the proof gives that band to the ADMIN through the API. */
    private static void approvalByAdminUpTo100k(ProofStack stack) {
        ProofStack.Answer rules = stack.call("GET", "/api/contracts/approval-rules", stack.admin(), null);
        ok(rules, "approval rules");
        for (JsonNode rule : rules.json()) {
            if (new BigDecimal(rule.get("above").asString()).signum() == 0) {
                String id = rule.get("id").asString();
                ProofStack.Answer one = stack.call("GET", "/api/contracts/approval-rules/" + id, stack.admin(), null);
                ok(stack.call("PUT", "/api/contracts/approval-rules/" + id, stack.admin(),
                        body("above", 0, "upTo", rule.get("upTo").asString(), "steps", List.of("ADMIN")),
                        Map.of("If-Match", one.etag()), Duration.ofSeconds(30)), "approval rule");
                return;
            }
        }
        throw new IllegalStateException("no approval band from 0: " + rules.body());
    }

    private static void putUnit(ProofStack stack, UUID id, UUID parent, String type, String code) {
        ok(stack.call("PUT", "/api/org/units/" + id, stack.admin(), body("code", code, "name", code, "type", type,
                "parentId", parent, "managerId", null, "validFrom", "2025-01-01")), "unit");
    }

    private static Map<String, Object> stage(String code, int probability, String category, int days, String closedAs) {
        return body("code", code, "name", code.charAt(0) + code.substring(1).toLowerCase(), "probability", probability,
                "forecastCategory", category, "expectedDays", days, "closedAs", closedAs);
    }

    /** Retries while a service answers 422 because the rep has not reached its copy of the org tree yet. */
    private static JsonNode awaitKnown(Supplier<ProofStack.Answer> call, String what) {
        return awaitKnownAnswer(call, what).json();
    }

    private static ProofStack.Answer awaitKnownAnswer(Supplier<ProofStack.Answer> call, String what) {
        ProofStack.Answer[] last = new ProofStack.Answer[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = call.get();
            return last[0].status() != 422;
        });
        created(last[0], what);
        return last[0];
    }

    private static JsonNode created(ProofStack.Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(201);
        return answer.json();
    }

    static void ok(ProofStack.Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer.body() + " " + answer.error()).isBetween(200, 299);
    }
}
