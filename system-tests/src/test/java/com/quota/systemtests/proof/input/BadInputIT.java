package com.quota.systemtests.proof.input;

import com.quota.systemtests.proof.Verdict;
import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;
import com.quota.systemtests.RunningStack;
import com.quota.systemtests.StackTokens;
import com.quota.systemtests.proof.scope.ProofDemo;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof part 2, bad input (issue #23), on the shared stack with the demo company loaded: requests generated from
 * the OpenAPI document of every service, sent through the gateway with a token of a caller that may call each
 * operation. Short form: every generated case once, at most {@value #SHORT_FORM_REQUESTS} requests; full form
 * ({@code -Pproof -Dproof.part=input}): rounds with new seeds until {@value #FULL_FORM_REQUESTS}. Verdicts:
 * {@link BadInputVerdicts}.
 */
@Order(51)
class BadInputIT {

    static final int SHORT_FORM_REQUESTS = 2_000;
    static final int FULL_FORM_REQUESTS = 100_000;
    /** Requests on the wire at once (the stack has 2 cores here; more only queues in the gateway). */
    static final int IN_FLIGHT = Integer.getInteger("proof.input.inFlight", 12);
    /** Each caller's pace: below the gateway's limit of 100 requests/s per caller (200 in a burst). */
    static final double PER_CALLER_PER_SECOND = 80;
    static final List<App> SERVICES = List.of(App.TARGET_SERVICE, App.PIPELINE_SERVICE, App.CONTRACT_SERVICE, App.PERFORMANCE_SERVICE);
    static final List<String> DATABASES = List.of("target", "pipeline", "contract", "performance");
    /**
     * The company-wide callers (the first {@value #INTERCHANGEABLE}: every id of the demo company is in their scope)
     * share each operation's requests, those not refused with 403; the others are tried in this order only for an
     * operation that all of them are refused.
     */
    static final List<String> CALLERS = List.of("admin", ProofCallers.client("crm-sync"), ProofCallers.client("erp-finance"),
            "director.zhang", "manager.zhang", "rep.liu");
    static final int INTERCHANGEABLE = 4;

    @Test
    void badInputIsRefusedWithProblemJsonAndChangesNothing() {
        LocalStackRunner stack = RunningStack.get();
        boolean full = ProofCallers.fullForm();
        loadShortDemoSet();
        int requests = full ? Integer.getInteger("proof.input.requests", FULL_FORM_REQUESTS) : SHORT_FORM_REQUESTS;
        BadInputRun.Result result = BadInputRun.run("proof part 2, bad input (" + (full ? "full" : "short") + " form)",
                setup(stack, requests, full));
        System.out.println(result.report());
        assertThat(Verdict.failed(result.verdicts()))
                .as("failed verdicts: " + Verdict.names(Verdict.failed(result.verdicts()))).isEmpty();
    }

    /**
     * Planted fault for the store verdict: a row written by SQL between two snapshots (as a refused request that
     * half-wrote would) turns "refused requests change no row and no topic" red, through the same snapshot and
     * verdict code as the run. The row is removed afterwards.
     */
    @Test
    void aRowWrittenBetweenTheSnapshotsTurnsTheStoreVerdictRed() throws Exception {
        LocalStackRunner stack = RunningStack.get();
        StoreSnapshot before = StoreSnapshot.awaitQuiet(DATABASES, stack.options()::jdbcUrl, stack.options().kafkaBootstrapServers());
        UUID planted = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(stack.options().jdbcUrl("pipeline"), "postgres", "postgres")) {
            c.createStatement().executeUpdate("insert into audit_entry (id, occurred_at, actor, action, entity_type, entity_id) "
                    + "values ('" + planted + "', now(), 'proof-planted-fault', 'PLANTED', 'proof', '" + planted + "')");
            StoreSnapshot after = StoreSnapshot.take(DATABASES, stack.options()::jdbcUrl, stack.options().kafkaBootstrapServers());
            List<Verdict> verdicts = BadInputVerdicts.judge(List.of(), List.of(), before, after, null);
            System.out.println(Verdict.table("planted fault: a row written between the snapshots", verdicts));
            assertThat(Verdict.failed(verdicts)).extracting(Verdict::name)
                    .containsExactly("refused requests change no row and no topic");
        } finally {
            try (Connection c = DriverManager.getConnection(stack.options().jdbcUrl("pipeline"), "postgres", "postgres")) {
                c.createStatement().executeUpdate("delete from audit_entry where id = '" + planted + "'");
            }
        }
    }

    /**
     * The demo company with {@link ProofDemo}'s short data set, in both forms: every verdict needs one real id per
     * collection and the org tree, not 1,500 opportunities (loading the whole set took 26 minutes). ProofDemo loads
     * the whole set when proof.form is full, so the full form asks for it with the property set to short for that
     * call. If the demo was already loaded in this JVM (whole set), that stays.
     */
    private static void loadShortDemoSet() {
        String form = System.getProperty("proof.form");
        System.setProperty("proof.form", "short");
        try {
            ProofDemo.ensureLoaded();
        } finally {
            if (form == null) {
                System.clearProperty("proof.form");
            } else {
                System.setProperty("proof.form", form);
            }
        }
    }

    static BadInputRun.Setup setup(LocalStackRunner stack, int requests, boolean rounds) {
        Map<String, URI> docs = new LinkedHashMap<>();
        SERVICES.forEach(s -> docs.put(s.module(), stack.options().baseUri(s).resolve("/v3/api-docs")));
        String rep = StackTokens.personId("rep.liu").toString();
        Map<String, String> fixed = new LinkedHashMap<>(Map.of("ownerKind", "reps", "ownerId", rep, "repId", rep,
                "unitId", StackTokens.DEMO.root().id().toString(), "currency", "USD", "date", "2026-06-30"));
        List.of("/api/org/reps/{id}", "/api/org/reps/{id}/moves", "/api/org/reps/{id}/deactivation", "/api/org/reps/{id}/managers",
                "/api/org/reps/{id}/managed-units", "/api/org/reps/{id}/audit").forEach(p -> fixed.put(p + "#id", rep));
        String team = StackTokens.DEMO.teams().get(0).id().toString();
        List.of("/api/org/units/{id}", "/api/org/units/{id}/deactivation", "/api/org/units/{id}/ancestors",
                "/api/org/units/{id}/subtree", "/api/org/units/{id}/audit").forEach(p -> fixed.put(p + "#id", team));
        return new BadInputRun.Setup(stack.options().baseUri(App.GATEWAY), docs, CALLERS, INTERCHANGEABLE, ProofCallers::token, fixed,
                () -> StoreSnapshot.awaitQuiet(DATABASES, stack.options()::jdbcUrl, stack.options().kafkaBootstrapServers()),
                () -> IdempotencyReplay.run(stack.options().baseUri(App.GATEWAY), ProofCallers.token("admin"),
                        stack.options().jdbcUrl("pipeline")),
                requests, rounds, IN_FLIGHT, PER_CALLER_PER_SECOND, rounds);
    }
}
