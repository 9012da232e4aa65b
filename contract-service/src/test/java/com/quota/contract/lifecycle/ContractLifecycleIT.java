package com.quota.contract.lifecycle;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A contract through its whole life over HTTP: every transition, its events (schema-valid) and audit, and refusals. */
class ContractLifecycleIT extends AbstractContractServiceIT {

    @Test
    void aContractGoesFromDraftToClosedPublishingSignedPaymentAndCompletedEvents() {
        Answer a = signed("80000.00");
        String id = a.id();
        assertThat(a.json().path("status").asString()).isEqualTo("SIGNED");
        assertThat(a.json().path("signedDate").asString()).isEqualTo("2026-11-20");
        String manager = TestTokens.manager(MANAGER_EAST);

        a = post("/api/contracts/" + id + "/start-execution", manager, a.etag(), null);
        assertThat(a.json().path("status").asString()).isEqualTo("IN_EXECUTION");
        a = call(org.springframework.http.HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "delivery", "weight", 40, "dueDate", "2026-12-10"),
                body("name", "acceptance", "weight", 60, "dueDate", "2027-01-31"))));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        String delivery = a.json().path("milestones").get(0).path("id").asString();
        a = post("/api/contracts/" + id + "/milestones/" + delivery + "/complete", manager, a.etag(), body("date", "2026-12-09"));
        assertThat(a.json().path("percentComplete").asString()).isEqualTo("40.00");

        Answer payment = post("/api/contracts/" + id + "/payments", TestTokens.integration("erp", "payments.write"), null,
                body("amount", money("20000.00", "CNY"), "receivedDate", "2026-12-12", "externalRef", "RCPT-" + id));
        assertThat(payment.status()).as(payment.text()).isEqualTo(201);
        a = get("/api/contracts/" + id, manager);
        assertThat(a.json().path("collectionRatePercent").asString()).isEqualTo("25.00");

        a = post("/api/contracts/" + id + "/complete", manager, a.etag(), body("date", "2027-01-31"));
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.type()).isEqualTo(PROBLEMS + "milestones-open");
        a = get("/api/contracts/" + id, manager);
        String acceptance = a.json().path("milestones").get(1).path("id").asString();
        a = post("/api/contracts/" + id + "/milestones/" + acceptance + "/complete", manager, a.etag(), body("date", "2027-01-30"));
        a = post("/api/contracts/" + id + "/complete", manager, a.etag(), body("date", "2027-01-31"));
        assertThat(a.json().path("status").asString()).isEqualTo("COMPLETED");
        a = post("/api/contracts/" + id + "/close", manager, a.etag(), null);
        assertThat(a.json().path("status").asString()).isEqualTo("CLOSED");
        assertThat(a.json().path("allowedActions").isEmpty()).isTrue();

        List<OutboxEvent> events = eventsOf(id);
        assertThat(events).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "PaymentReceived", "ContractCompleted");
        JsonNode signed = JSON.readTree(events.get(0).payload());
        assertThat(signed.path("owners")).hasSize(2);
        assertThat(signed.path("owners").get(0).path("repId").asString()).isEqualTo(REP_A.toString());
        assertThat(signed.path("owners").get(0).path("splitPercent").asString()).isEqualTo("60");
        assertThat(signed.path("value").path("amount").asString()).isEqualTo("80000.00");
        assertThat(signed.path("fxRate").asString()).isEqualTo("1");
        JsonNode completed = JSON.readTree(events.get(2).payload());
        assertThat(completed.path("collectionRatePercent").asString()).isEqualTo("25.00");
        // drafted, submitted, approved, signed, started, milestones, 2 milestone completions, payment, completed, closed
        assertThat(auditEntries(id)).isEqualTo(11);
    }

    @Test
    void aRefusedTransitionAnswers409ListingTheAllowedOnesAndChangesNothing() {
        Answer a = draft(TestTokens.rep(REP_A), "1000.00", REP_A, null);
        Answer refused = post("/api/contracts/" + a.id() + "/sign", TestTokens.manager(MANAGER_EAST), a.etag(), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.type()).isEqualTo(PROBLEMS + "transition-not-allowed");
        assertThat(refused.json().path("allowedTransitions").toString()).isEqualTo("[\"submit\"]");
        assertThat(get("/api/contracts/" + a.id(), TestTokens.rep(REP_A)).json().path("status").asString()).isEqualTo("DRAFT");
        assertThat(auditEntries(a.id())).isEqualTo(1);
        assertThat(eventsOf(a.id())).isEmpty();
    }

    @Test
    void updatesNeedTheCurrentIfMatch() {
        Answer a = draft(TestTokens.rep(REP_A), "1000.00", REP_A, null);
        Answer missing = post("/api/contracts/" + a.id() + "/submit", TestTokens.rep(REP_A), null, null);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.type()).isEqualTo(PROBLEMS + "precondition-required");
        Answer stale = post("/api/contracts/" + a.id() + "/submit", TestTokens.rep(REP_A), "\"7\"", null);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.type()).isEqualTo(PROBLEMS + "precondition-failed");
        assertThat(get("/api/contracts/" + a.id(), TestTokens.rep(REP_A)).json().path("status").asString()).isEqualTo("DRAFT");
        Answer ok = post("/api/contracts/" + a.id() + "/submit", TestTokens.rep(REP_A), "W/" + a.etag(), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.etag()).isNotEqualTo(a.etag());
    }

    @Test
    void suspendResumeAndTerminateKeepTheirReasonsAndTerminationPublishesTheValueToReverse() {
        Answer a = signed("50000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = post("/api/contracts/" + id + "/start-execution", manager, a.etag(), null);
        Answer noReason = post("/api/contracts/" + id + "/suspend", manager, a.etag(), body("reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        a = post("/api/contracts/" + id + "/suspend", manager, a.etag(), body("reason", "customer audit"));
        assertThat(a.json().path("suspensionReason").asString()).isEqualTo("customer audit");
        Answer repTerminates = post("/api/contracts/" + id + "/terminate", TestTokens.rep(REP_A), a.etag(),
                body("terminationDate", "2026-12-20", "reason", "budget frozen"));
        assertThat(repTerminates.status()).isEqualTo(403);
        a = post("/api/contracts/" + id + "/terminate", manager, a.etag(), body("terminationDate", "2026-12-20", "reason", "budget frozen"));
        assertThat(a.json().path("status").asString()).isEqualTo("TERMINATED");
        assertThat(a.json().path("terminationReason").asString()).isEqualTo("budget frozen");
        List<OutboxEvent> events = eventsOf(id);
        assertThat(events).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "ContractTerminated");
        JsonNode terminated = JSON.readTree(events.get(1).payload());
        assertThat(terminated.path("previousStatus").asString()).isEqualTo("SUSPENDED");
        assertThat(terminated.path("terminationDate").asString()).isEqualTo("2026-12-20");
        assertThat(terminated.path("reportingValueInForce").path("amount").asString()).isEqualTo("50000.00");
        assertThat(terminated.path("terminatedBy").path("subject").asString()).isNotBlank();
    }

    @Test
    void aDraftNeedsOwnersWhoseSplitsMakeOneHundredAndKnownReps() {
        String token = TestTokens.director(DIRECTOR);
        long before = rows("select count(*) from contract");
        Answer splits = post("/api/contracts", token, null, body("accountId", UUID.randomUUID(), "value", money("10.00", "CNY"),
                "owners", List.of(owner(REP_A, "60", true), owner(REP_B, "30", false))));
        assertThat(splits.status()).isEqualTo(422);
        assertThat(splits.type()).isEqualTo(PROBLEMS + "owner-splits-invalid");
        Answer unknown = post("/api/contracts", token, null, body("accountId", UUID.randomUUID(), "value", money("10.00", "CNY"),
                "owners", List.of(owner(UUID.randomUUID(), "100", true))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.type()).isEqualTo(PROBLEMS + "not-yet-known-here");
        Answer currency = post("/api/contracts", token, null, body("accountId", UUID.randomUUID(), "value", money("10.00", "USD"),
                "owners", List.of(owner(REP_A, "100", true))));
        assertThat(currency.status()).isEqualTo(422);
        assertThat(currency.type()).isEqualTo(PROBLEMS + "currency-mismatch");
        Answer malformed = post("/api/contracts", token, null, body("accountId", UUID.randomUUID(), "value", money("ten", "CNY"),
                "owners", List.of(owner(REP_A, "100", true))));
        assertThat(malformed.status()).isEqualTo(400);
        Answer dates = post("/api/contracts", token, null, body("accountId", UUID.randomUUID(), "value", money("10.00", "CNY"),
                "owners", List.of(owner(REP_A, "100", true)), "startDate", "2027-01-01", "endDate", "2026-01-01"));
        assertThat(dates.status()).isEqualTo(400);
        assertThat(dates.type()).isEqualTo(PROBLEMS + "invalid-dates");
        assertThat(rows("select count(*) from contract")).isEqualTo(before);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyAnswersTheFirstContractAndCreatesNothingTwice() {
        String token = TestTokens.rep(REP_A);
        String key = "create-" + UUID.randomUUID();
        java.util.Map<String, Object> request = body("accountId", UUID.randomUUID(), "title", "Retried", "value", money("500.00", "CNY"),
                "owners", List.of(owner(REP_A, "100", true)));
        long before = rows("select count(*) from contract");
        Answer first = call(org.springframework.http.HttpMethod.POST, "/api/contracts", token, null, request, java.util.Map.of("Idempotency-Key", key));
        Answer retry = call(org.springframework.http.HttpMethod.POST, "/api/contracts", token, null, request, java.util.Map.of("Idempotency-Key", key));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.headers().getLocation()).isEqualTo(first.headers().getLocation());
        assertThat(rows("select count(*) from contract")).isEqualTo(before + 1);
        java.util.Map<String, Object> other = new java.util.LinkedHashMap<>(request);
        other.put("title", "Another");
        Answer reused = call(org.springframework.http.HttpMethod.POST, "/api/contracts", token, null, other, java.util.Map.of("Idempotency-Key", key));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.type()).isEqualTo(PROBLEMS + "idempotency-key-reused");
        assertThat(rows("select count(*) from contract")).isEqualTo(before + 1);
    }

    @Test
    void theAuditTrailOfAContractListsEveryChangeWithItsReasonWithinScope() {
        Answer a = signed("3000.00");
        String manager = TestTokens.manager(MANAGER_EAST);
        a = post("/api/contracts/" + a.id() + "/start-execution", manager, a.etag(), null);
        post("/api/contracts/" + a.id() + "/suspend", manager, a.etag(), body("reason", "site closed for audit"));
        Answer trail = get("/api/contracts/" + a.id() + "/audit", manager);
        assertThat(trail.status()).as(trail.text()).isEqualTo(200);
        assertThat(trail.json().path("items").get(0).path("action").asString()).isEqualTo("ContractSuspended");
        assertThat(trail.json().path("items").get(0).path("reason").asString()).isEqualTo("site closed for audit");
        assertThat(trail.json().path("page").path("totalElements").asLong()).isEqualTo(6);
        assertThat(get("/api/contracts/" + a.id() + "/audit", TestTokens.rep(REP_C)).status()).isEqualTo(404);
    }

    @Test
    void overdueMilestonesAreListedAcrossContractsAndMilestonesCompleteOnlyInExecution() {
        Answer a = signed("7000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = call(org.springframework.http.HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "kick-off", "weight", 10, "dueDate", "2026-12-01"),
                body("name", "go-live", "weight", 90, "dueDate", "2027-03-01"))));
        String kickOff = a.json().path("milestones").get(0).path("id").asString();
        Answer notYet = post("/api/contracts/" + id + "/milestones/" + kickOff + "/complete", manager, a.etag(), body("date", "2026-12-01"));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.type()).isEqualTo(PROBLEMS + "contract-not-in-execution");
        Answer overdue = get("/api/contracts/milestones/overdue?asOf=2026-12-15", manager);
        assertThat(overdue.status()).as(overdue.text()).isEqualTo(200);
        assertThat(overdue.json().findValuesAsString("contractId")).contains(id);
        assertThat(get("/api/contracts/milestones/overdue?asOf=2026-12-15", TestTokens.rep(REP_C)).json().findValuesAsString("contractId"))
                .doesNotContain(id);
        a = post("/api/contracts/" + id + "/start-execution", manager, a.etag(), null);
        a = post("/api/contracts/" + id + "/milestones/" + kickOff + "/complete", manager, a.etag(), body("date", "2026-12-01"));
        assertThat(a.json().path("percentComplete").asString()).isEqualTo("10.00");
        assertThat(get("/api/contracts/milestones/overdue?asOf=2026-12-15", manager).json().findValuesAsString("contractId")).doesNotContain(id);
    }
}
