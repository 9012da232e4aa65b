package com.quota.performance.commission;

import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.performance.AbstractPerformanceServiceIT;
import com.quota.performance.PerformanceEvents;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events in, statement values out: AttainmentChanged and ContractTerminated through the inbox into the read model,
 * the draft statement following every event (each applied once), approval freezing the lines and publishing
 * CommissionStatementIssued; plans with audit, If-Match and Idempotency-Key; scope for every role; bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommissionIT extends AbstractPerformanceServiceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String STEP_PLAN = """
            {"name":"AE bookings plan FY2026","metric":"BOOKINGS","mode":"STEP","period":"YEAR","currency":"CNY",
             "tiers":[{"fromPercent":"0","toPercent":"50","ratePercent":"0"},{"fromPercent":"50","toPercent":"100","ratePercent":"4"},
                      {"fromPercent":"100","toPercent":null,"ratePercent":"6"}],
             "clawbackWindowDays":90,"effectiveFrom":"2026-01-01"}""";

    private final UUID team = UUID.randomUUID();
    private final UUID otherTeam = UUID.randomUUID();
    private final UUID manager = UUID.randomUUID();
    private final UUID otherManager = UUID.randomUUID();
    private final UUID rep = UUID.randomUUID();
    private final UUID colleague = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private final UUID amender = UUID.randomUUID();
    private final UUID primaryOwner = UUID.randomUUID();
    private final UUID coOwner = UUID.randomUUID();
    private final UUID paidRep = UUID.randomUUID();

    @Autowired
    DatabaseClient db;

    @Autowired
    OrgDirectory directory;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private PerformanceEvents events;

    @BeforeAll
    void org() {
        events = new PerformanceEvents(brokers);
        events.team(team, manager, List.of(rep, colleague, amender, primaryOwner, coOwner, paidRep));
        events.team(otherTeam, otherManager, List.of(stranger));
        await().atMost(PATIENCE).until(() -> directory.unitOf(stranger, LocalDate.of(2026, 6, 1)).blockOptional().isPresent()
                && directory.unitOf(colleague, LocalDate.of(2026, 6, 1)).blockOptional().isPresent()
                && directory.unitOf(amender, LocalDate.of(2026, 6, 1)).blockOptional().isPresent()
                && directory.unitOf(coOwner, LocalDate.of(2026, 6, 1)).blockOptional().isPresent()
                && directory.unitOf(paidRep, LocalDate.of(2026, 6, 1)).blockOptional().isPresent()
                && directory.unitOf(rep, LocalDate.now()).blockOptional().isPresent());
    }

    private String createPlan(String body) {
        return client.post().uri("/api/commissions/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private void assign(String planId, UUID repId) {
        client.post().uri("/api/commissions/plans/{id}/assignments", planId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(UUID.randomUUID()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", repId.toString(), "effectiveFrom", "2026-01-01"))
                .exchange().expectStatus().isCreated();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private UUID credit(UUID repId, UUID opportunityId, String date, String delta, String yearActual) {
        UUID eventId = UUID.randomUUID();
        ObjectNode event = PerformanceEvents.attainmentChanged(repId, "BOOKINGS", "OpportunityWon", opportunityId, null,
                LocalDate.parse(date), delta, yearActual, "1000000.00");
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", eventId, repId.toString(), event);
        return eventId;
    }

    private void awaitCredits(UUID repId, long expected) {
        await().atMost(PATIENCE).until(() -> count("select count(*) from attainment_credit where rep_id = '" + repId + "'") == expected);
    }

    @Test
    void creditsFlowIntoTheDraftOncePerEventAndApprovalIssuesTheStatementWithItsEvent() {
        String planId = createPlan(STEP_PLAN);
        assign(planId, rep);
        UUID bigDeal = UUID.randomUUID();
        // the rep's 60 % share of a 1,166,666.67 deal arrives as attainment computed it: 700,000.00
        UUID first = credit(rep, UUID.randomUUID(), "2026-03-10", "700000.00", "700000.00");
        credit(rep, bigDeal, "2026-04-02", "500000.00", "1200000.00");
        awaitCredits(rep, 2);
        // the same event again (a redelivery) is applied once
        ObjectNode again = PerformanceEvents.attainmentChanged(rep, "BOOKINGS", "OpportunityWon", null, null,
                LocalDate.parse("2026-03-10"), "700000.00", "700000.00", "1000000.00");
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", first, rep.toString(), again);
        await().atMost(PATIENCE).until(() -> count("select count(*) from inbox_event where event_id = '" + first + "'") == 1);

        String repToken = "Bearer " + TestTokens.rep(rep);
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M04", rep)
                .header(HttpHeaders.AUTHORIZATION, repToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(2)
                .jsonPath("$.lines[0].payout.amount").isEqualTo("8000.00")      // 4 % × 200,000 above 50 %
                .jsonPath("$.lines[1].payout.amount").isEqualTo("24000.00")     // 4 % × 300,000 + 6 % × 200,000
                .jsonPath("$.lines[1].cumulativeBefore.amount").isEqualTo("700000.00")
                .jsonPath("$.lines[1].ratePercent").isEqualTo(6)
                .jsonPath("$.payout.amount").isEqualTo("32000.00")              // f(1,200,000) of the DOMAIN.md example
                .jsonPath("$.quota.amount").isEqualTo("1000000.00");

        // the deal is terminated 40 days after signing: the next draft claws back what its line paid, at that rate
        events.send(Topics.CONTRACTS_CONTRACT, "ContractTerminated", UUID.randomUUID(), UUID.randomUUID().toString(),
                PerformanceEvents.contractTerminated(UUID.randomUUID(), bigDeal, rep, LocalDate.parse("2026-04-02"),
                        LocalDate.parse("2026-05-12")));
        await().atMost(PATIENCE).until(() -> count("select count(*) from contract_termination where rep_id = '" + rep + "'") == 1);

        long outboxBefore = count("select count(*) from outbox_event where event_type = 'CommissionStatementIssued'");
        String managerToken = "Bearer " + TestTokens.manager(manager);
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, managerToken)
                .header("Idempotency-Key", "issue-" + rep)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", rep.toString(), "periodKey", "FY2026-M05", "externalRef", "PAYROLL-M05-" + rep))
                .exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("ISSUED")
                .jsonPath("$.lines.length()").isEqualTo(3)
                .jsonPath("$.lines[2].kind").isEqualTo("CLAWBACK")
                .jsonPath("$.lines[2].payout.amount").isEqualTo("-24000.00")
                .jsonPath("$.payout.amount").isEqualTo("8000.00")
                .jsonPath("$.payoutToDate.amount").isEqualTo("8000.00");
        // a retry with the same key answers the first result and issues nothing twice
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, managerToken)
                .header("Idempotency-Key", "issue-" + rep)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", rep.toString(), "periodKey", "FY2026-M05", "externalRef", "PAYROLL-M05-" + rep))
                .exchange().expectStatus().isCreated();
        assertThat(count("select count(*) from commission_statement where rep_id = '" + rep + "'")).isEqualTo(1);

        String payload = db.sql("select payload::text as p from outbox_event where event_type = 'CommissionStatementIssued' "
                        + "and payload ->> 'repId' = :rep").bind("rep", rep.toString())
                .map(row -> row.get("p", String.class)).one().block();
        assertThat(EventSchemas.validate("CommissionStatementIssued", payload)).isEmpty();
        assertThat(payload).contains("\"payoutToDate\"").contains("CLAWBACK");
        assertThat(count("select count(*) from outbox_event where event_type = 'CommissionStatementIssued'")).isEqualTo(outboxBefore + 1);

        // the same period again: 409, nothing written, no event
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", rep.toString(), "periodKey", "FY2026-M05"))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/statement-issued");
        assertThat(count("select count(*) from outbox_event where event_type = 'CommissionStatementIssued'")).isEqualTo(outboxBefore + 1);
        // a client retrying after its idempotency key expired (e.g. the demo loader) finds the issued one by its externalRef
        String issuedId = db.sql("select id::text as id from commission_statement where rep_id = :rep").bind("rep", rep)
                .map(row -> row.get("id", String.class)).one().block();
        client.get().uri("/api/commissions/statements?externalRef={ref}", "PAYROLL-M05-" + rep)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(issuedId);
        client.get().uri("/api/commissions/statements?externalRef={ref}", "PAYROLL-M04-" + rep)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.page.totalElements").isEqualTo(0);

        // a late credit dated back in March lands on the next statement; the issued lines stay as they were
        credit(rep, UUID.randomUUID(), "2026-03-20", "100000.00", "1300000.00");
        awaitCredits(rep, 3);
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M06", rep)
                .header(HttpHeaders.AUTHORIZATION, repToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(1)
                .jsonPath("$.lines[0].cumulativeBefore.amount").isEqualTo("1200000.00")
                .jsonPath("$.lines[0].payout.amount").isEqualTo("6000.00")
                .jsonPath("$.previousPayoutToDate.amount").isEqualTo("8000.00");

        // the estimator: what would another 100,000 pay? f(1,400,000) − f(1,300,000) = 6,000; nothing written
        long statements = count("select count(*) from commission_statement");
        client.get().uri("/api/commissions/estimate?repId={rep}&amount=100000.00&asOf=2026-06-30", rep)
                .header(HttpHeaders.AUTHORIZATION, repToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.payout.amount").isEqualTo("6000.00")
                .jsonPath("$.cumulativeBefore.amount").isEqualTo("1300000.00");
        assertThat(count("select count(*) from commission_statement")).isEqualTo(statements);
    }

    @Test
    void statementsAreScopedRepOwnManagerSubtreeDirectorAllIntegrationByScope() {
        String planId = createPlan(STEP_PLAN.replace("AE bookings plan FY2026", "scoped plan"));
        assign(planId, colleague);
        String path = "/api/commissions/statements/draft?repId=" + colleague + "&periodKey=FY2026-M01";
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(colleague)).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(manager)).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(UUID.randomUUID())).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(stranger)).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(otherManager)).exchange()
                .expectStatus().isNotFound();
        // a rep approves nothing, a manager outside the subtree sees nothing
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(colleague))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", colleague.toString(), "periodKey", "FY2026-M01"))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(otherManager))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", colleague.toString(), "periodKey", "FY2026-M01"))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/commissions/statements?repId=" + colleague).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(stranger))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
        // reps do not write plans
        client.post().uri("/api/commissions/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(colleague))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(STEP_PLAN).exchange().expectStatus().isForbidden();

        // INTEGRATION (client credentials): every read with performance.read, none without it, never an approval
        String reader = "Bearer " + TestTokens.integration("payroll", "performance.read");
        String noScope = "Bearer " + TestTokens.integration("erp-finance", "payments.write");
        for (String read : List.of(path, "/api/commissions/statements?repId=" + colleague,
                "/api/commissions/plans/" + planId + "/assignments",
                "/api/commissions/estimate?repId=" + colleague + "&amount=1000.00&asOf=2026-03-01")) {
            client.get().uri(read).header(HttpHeaders.AUTHORIZATION, reader).exchange().expectStatus().isOk();
            client.get().uri(read).header(HttpHeaders.AUTHORIZATION, noScope).exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        client.get().uri("/api/commissions/plans/" + planId + "/assignments").header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestTokens.rep(stranger)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        client.get().uri("/api/commissions/estimate?repId=" + colleague + "&amount=1000.00")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(otherManager)).exchange().expectStatus().isNotFound();
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, reader)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", colleague.toString(), "periodKey", "FY2026-M01"))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/commissions/statements/{id}", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, noScope)
                .exchange().expectStatus().isForbidden();
        assertThat(count("select count(*) from commission_statement where rep_id = '" + colleague + "'")).isZero();
    }

    @Test
    void badPlansAreRefusedWithSpecificProblemsAndNothingIsWritten() {
        long plans = count("select count(*) from commission_plan");
        String admin = "Bearer " + TestTokens.admin();
        Map<String, String> cases = Map.of(
                STEP_PLAN.replace("\"fromPercent\":\"50\",\"toPercent\":\"100\"", "\"fromPercent\":\"40\",\"toPercent\":\"100\""), "tiers-overlap",
                STEP_PLAN.replace("\"fromPercent\":\"50\",\"toPercent\":\"100\"", "\"fromPercent\":\"60\",\"toPercent\":\"100\""), "tiers-gap",
                STEP_PLAN.replace("\"clawbackWindowDays\":90", "\"cap\":{\"amount\":\"-1.00\",\"currency\":\"CNY\"}"), "negative-cap",
                STEP_PLAN.replace("\"mode\":\"STEP\"", "\"mode\":\"INTERPOLATED\""), "tiers-not-allowed");
        cases.forEach((body, slug) -> client.post().uri("/api/commissions/plans").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://quota.example/problems/" + slug));
        client.post().uri("/api/commissions/plans").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(STEP_PLAN.replace("\"mode\":\"STEP\"", "\"mode\":\"STAIRS\""))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("mode");
        assertThat(count("select count(*) from commission_plan")).isEqualTo(plans);
        // an unknown rep cannot be assigned yet (422, retry once the org event arrives)
        String planId = createPlan(STEP_PLAN.replace("AE bookings plan FY2026", "unassigned plan"));
        client.post().uri("/api/commissions/plans/{id}/assignments", planId).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", UUID.randomUUID().toString(), "effectiveFrom", "2026-01-01"))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/not-yet-known-here");
        assertThat(count("select count(*) from plan_assignment where plan_id = '" + planId + "'")).isZero();
        // bad statement period
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=2026-11", rep)
                .header(HttpHeaders.AUTHORIZATION, admin).exchange().expectStatus().isBadRequest();
    }

    @Test
    void planChangesNeedIfMatchAndAreAuditedWithTheReason() {
        String planId = createPlan(STEP_PLAN.replace("AE bookings plan FY2026", "audited plan"));
        String admin = "Bearer " + TestTokens.admin();
        String changed = STEP_PLAN.replace("AE bookings plan FY2026", "audited plan v2")
                .replace("\"effectiveFrom\"", "\"reason\":\"new year rates\",\"effectiveFrom\"");
        client.put().uri("/api/commissions/plans/{id}", planId).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(changed)
                .exchange().expectStatus().isEqualTo(428);
        client.put().uri("/api/commissions/plans/{id}", planId).header(HttpHeaders.AUTHORIZATION, admin)
                .header(HttpHeaders.IF_MATCH, "\"7\"").contentType(MediaType.APPLICATION_JSON).bodyValue(changed)
                .exchange().expectStatus().isEqualTo(412);
        client.put().uri("/api/commissions/plans/{id}", planId).header(HttpHeaders.AUTHORIZATION, admin)
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).bodyValue(changed)
                .exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody().jsonPath("$.name").isEqualTo("audited plan v2");
        // a change that breaks the tiers writes nothing
        client.put().uri("/api/commissions/plans/{id}", planId).header(HttpHeaders.AUTHORIZATION, admin)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(changed.replace("\"toPercent\":null", "\"toPercent\":\"200\""))
                .exchange().expectStatus().isEqualTo(422);
        client.get().uri("/api/commissions/plans/{id}/audit", planId).header(HttpHeaders.AUTHORIZATION, admin)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(2)
                .jsonPath("$.items[0].action").isEqualTo("CommissionPlanChanged")
                .jsonPath("$.items[0].reason").isEqualTo("new year rates");
        client.get().uri("/api/commissions/plans?sort=bogus,asc").header(HttpHeaders.AUTHORIZATION, admin)
                .exchange().expectStatus().isBadRequest();
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/commissions/plans'].post").exists()
                .jsonPath("$.paths['/api/commissions/plans'].post.responses['201'].content").exists()
                .jsonPath("$.paths['/api/commissions/statements'].post").exists()
                .jsonPath("$.paths['/api/commissions/estimate'].get").exists();
    }

    @Test
    void anAmendmentIsALineOfItsOwnAndATerminationWithinTheWindowClawsBackTheRestAtThePaidRate() {
        String planId = createPlan(STEP_PLAN.replace("AE bookings plan FY2026", "contract value plan")
                .replace("\"metric\":\"BOOKINGS\"", "\"metric\":\"CONTRACT_VALUE\""));
        assign(planId, amender);
        UUID contract = UUID.randomUUID();
        UUID opportunity = UUID.randomUUID();
        contractValue(contract, opportunity, "ContractSigned", "2026-02-01", "800000.00", "800000.00");
        contractValue(contract, opportunity, "ContractAmended", "2026-03-01", "-100000.00", "700000.00");
        awaitCredits(amender, 2);
        String token = "Bearer " + TestTokens.manager(manager);
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M03", amender)
                .header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(2)
                .jsonPath("$.lines[0].payout.amount").isEqualTo("12000.00")   // f(800,000)
                .jsonPath("$.lines[1].payout.amount").isEqualTo("-4000.00")   // f(700,000) − f(800,000)
                .jsonPath("$.lines[1].sourceEventType").isEqualTo("ContractAmended")
                .jsonPath("$.payout.amount").isEqualTo("8000.00");
        // terminated 43 days after signing: attainment reverses the value, commission claws back what was paid
        contractValue(contract, opportunity, "ContractTerminated", "2026-03-15", "-700000.00", "0.00");
        events.send(Topics.CONTRACTS_CONTRACT, "ContractTerminated", UUID.randomUUID(), contract.toString(),
                PerformanceEvents.contractTerminated(contract, opportunity, amender, LocalDate.parse("2026-02-01"),
                        LocalDate.parse("2026-03-15")));
        awaitCredits(amender, 3);
        await().atMost(PATIENCE).until(() -> count("select count(*) from contract_termination where rep_id = '" + amender + "'") == 1);
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M03", amender)
                .header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(3)
                .jsonPath("$.lines[2].kind").isEqualTo("CLAWBACK")
                .jsonPath("$.lines[2].creditedAmount.amount").isEqualTo("-700000.00")
                .jsonPath("$.lines[2].payout.amount").isEqualTo("-8000.00")
                .jsonPath("$.payout.amount").isEqualTo("0.00");
    }

    private void contractValue(UUID contract, UUID opportunity, String sourceEventType, String date, String delta, String actual) {
        contractValue(amender, contract, opportunity, sourceEventType, date, delta, actual);
    }

    private void contractValue(UUID owner, UUID contract, UUID opportunity, String sourceEventType, String date, String delta,
                               String actual) {
        ObjectNode event = PerformanceEvents.attainmentChanged(owner, "CONTRACT_VALUE", sourceEventType, opportunity, contract,
                LocalDate.parse(date), delta, actual, "1000000.00");
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", UUID.randomUUID(), owner.toString(), event);
    }

    private void issue(UUID repId, String periodKey, String payout, String payoutToDate) {
        client.post().uri("/api/commissions/statements").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(manager))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("repId", repId.toString(), "periodKey", periodKey))
                .exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.payout.amount").isEqualTo(payout)
                .jsonPath("$.payoutToDate.amount").isEqualTo(payoutToDate);
    }

    @Test
    void afterIssuedStatementsAnAmendmentIsRecomputedAsANewLineAndATerminationClawsBackWhatWasPaidAtTheRatePaid() {
        String planId = createPlan(STEP_PLAN.replace("AE bookings plan FY2026", "paid contract value plan")
                .replace("\"metric\":\"BOOKINGS\"", "\"metric\":\"CONTRACT_VALUE\""));
        assign(planId, paidRep);
        UUID contract = UUID.randomUUID();
        UUID opportunity = UUID.randomUUID();
        contractValue(paidRep, contract, opportunity, "ContractSigned", "2026-02-01", "800000.00", "800000.00");
        awaitCredits(paidRep, 1);
        issue(paidRep, "FY2026-M02", "12000.00", "12000.00");                  // f(800,000): 4 % × 300,000

        // amended up after February was paid: a new line f(1,100,000) − f(800,000) = 26,000 − 12,000; February's stays
        contractValue(paidRep, contract, opportunity, "ContractAmended", "2026-03-01", "300000.00", "1100000.00");
        awaitCredits(paidRep, 2);
        String managerToken = "Bearer " + TestTokens.manager(manager);
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M03", paidRep)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(1)
                .jsonPath("$.lines[0].sourceEventType").isEqualTo("ContractAmended")
                .jsonPath("$.lines[0].cumulativeBefore.amount").isEqualTo("800000.00")
                .jsonPath("$.lines[0].payout.amount").isEqualTo("14000.00")
                .jsonPath("$.previousPayoutToDate.amount").isEqualTo("12000.00");
        issue(paidRep, "FY2026-M03", "14000.00", "26000.00");

        // terminated 68 days after signing (window 90): one CLAWBACK line of everything the deal's lines paid
        contractValue(paidRep, contract, opportunity, "ContractTerminated", "2026-04-10", "-1100000.00", "0.00");
        events.send(Topics.CONTRACTS_CONTRACT, "ContractTerminated", UUID.randomUUID(), contract.toString(),
                PerformanceEvents.contractTerminated(contract, opportunity, paidRep, LocalDate.parse("2026-02-01"),
                        LocalDate.parse("2026-04-10")));
        awaitCredits(paidRep, 3);
        await().atMost(PATIENCE).until(() -> count("select count(*) from contract_termination where rep_id = '" + paidRep + "'") == 1);
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M04", paidRep)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(1)
                .jsonPath("$.lines[0].kind").isEqualTo("CLAWBACK")
                .jsonPath("$.lines[0].creditedAmount.amount").isEqualTo("-1100000.00")
                .jsonPath("$.lines[0].payout.amount").isEqualTo("-26000.00");
        issue(paidRep, "FY2026-M04", "-26000.00", "0.00");
        // the paid statements were never edited
        assertThat(count("select count(*) from commission_statement where rep_id = '" + paidRep + "'")).isEqualTo(3);
        assertThat(count("select count(*) from statement_line l join commission_statement s on s.id = l.statement_id "
                + "where s.rep_id = '" + paidRep + "' and s.statement_period_key = 'FY2026-M02' and l.payout = 12000")).isEqualTo(1);
    }

    @Test
    void eachOwnerOfASplitDealIsPaidOnTheShareAttainmentCreditedThem() {
        String planId = createPlan(STEP_PLAN.replace("AE bookings plan FY2026", "split plan"));
        assign(planId, primaryOwner);
        assign(planId, coOwner);
        // one won deal of 1,282,212.00 split 60/40: attainment sends each owner's share (largest remainder), never recomputed here
        UUID deal = UUID.randomUUID();
        UUID won = UUID.randomUUID();
        ObjectNode primary = PerformanceEvents.attainmentChanged(primaryOwner, "BOOKINGS", "OpportunityWon", deal, null,
                LocalDate.parse("2026-11-20"), "769327.20", "769327.20", "1000000.00");
        ObjectNode co = PerformanceEvents.attainmentChanged(coOwner, "BOOKINGS", "OpportunityWon", deal, null,
                LocalDate.parse("2026-11-20"), "512884.80", "512884.80", "1000000.00");
        primary.put("sourceEventId", won.toString());
        co.put("sourceEventId", won.toString());
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", UUID.randomUUID(), primaryOwner.toString(), primary);
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", UUID.randomUUID(), coOwner.toString(), co);
        awaitCredits(primaryOwner, 1);
        awaitCredits(coOwner, 1);
        String admin = "Bearer " + TestTokens.admin();
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M11", primaryOwner)
                .header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines[0].creditedAmount.amount").isEqualTo("769327.20")
                .jsonPath("$.lines[0].sourceEventId").isEqualTo(won.toString())
                .jsonPath("$.payout.amount").isEqualTo("10773.09");   // 4 % × 269,327.20 above 50 %
        client.get().uri("/api/commissions/statements/draft?repId={rep}&periodKey=FY2026-M11", coOwner)
                .header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lines[0].creditedAmount.amount").isEqualTo("512884.80")
                .jsonPath("$.payout.amount").isEqualTo("515.39");     // 4 % × 12,884.80
    }
}
