package com.quota.contract.lifecycle;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every kind of write: each answers its specific problem+json, and the contract, its versions,
 * its audit trail and its outbox are exactly as before (no event is emitted).
 */
class ContractBadInputIT extends AbstractContractServiceIT {

    private static final String ERP = TestTokens.integration("erp-finance", "payments.write", "contracts.read");

    /** What a refusal must leave untouched: the row version, versions, audit entries and events of a contract. */
    private record Snapshot(String etag, long versions, long audits, List<String> events) {
    }

    private Snapshot snapshot(String id) {
        Answer now = get("/api/contracts/" + id, TestTokens.director(DIRECTOR));
        return new Snapshot(now.etag(), rows("select count(*) from contract_version where contract_id = :c", "c", UUID.fromString(id)),
                auditEntries(id), eventsOf(id).stream().map(OutboxEvent::eventType).toList());
    }

    private static void refused(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.type()).isEqualTo(PROBLEMS + type);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/problem+json");
    }

    @Test
    void anAutoDraftToggleWithoutEnabledOrWithANonBooleanIsRefusedAndTheSettingStays() {
        UUID pipeline = UUID.randomUUID();
        String director = TestTokens.director(DIRECTOR);
        assertThat(call(HttpMethod.PUT, "/api/contracts/auto-draft/" + pipeline, director, null, body("enabled", false)).status()).isEqualTo(200);

        refused(call(HttpMethod.PUT, "/api/contracts/auto-draft/" + pipeline, director, null, Map.of()), 400, "validation-failed");
        refused(call(HttpMethod.PUT, "/api/contracts/auto-draft/" + pipeline, director, null, body("enabled", "maybe")), 400, "malformed-request");
        refused(call(HttpMethod.PUT, "/api/contracts/auto-draft/not-a-uuid", director, null, body("enabled", true)), 400, "malformed-request");

        JsonNode setting = get("/api/contracts/auto-draft/" + pipeline, director).json();
        assertThat(setting.path("enabled").asBoolean()).isFalse();
        assertThat(setting.path("explicit").asBoolean()).isTrue();
        assertThat(rows("select count(*) from auto_draft_setting where pipeline_id = :p", "p", pipeline)).isEqualTo(1);
    }

    @Test
    void aBadReviseBodyIsRefusedAndTheRejectedContractStaysAsItWas() {
        Answer a = draft(TestTokens.rep(REP_A), "20000.00", REP_A, null);
        a = post("/api/contracts/" + a.id() + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        a = post("/api/contracts/" + a.id() + "/reject", TestTokens.manager(MANAGER_EAST), a.etag(), body("comment", "price too low"));
        assertThat(a.json().path("status").asString()).isEqualTo("REJECTED");
        String id = a.id();
        String rep = TestTokens.rep(REP_A);
        Snapshot before = snapshot(id);

        refused(post("/api/contracts/" + id + "/revise", rep, a.etag(), body("value", money("ten", "CNY"))), 400, "validation-failed");
        refused(post("/api/contracts/" + id + "/revise", rep, a.etag(), body("value", money("-5.00", "CNY"))), 400, "invalid-value");
        refused(post("/api/contracts/" + id + "/revise", rep, a.etag(), body("value", money("25000.00", "USD"))), 422, "currency-mismatch");
        refused(post("/api/contracts/" + id + "/revise", rep, a.etag(), body("startDate", "2027-02-01", "endDate", "2027-01-01")), 400, "invalid-dates");
        refused(post("/api/contracts/" + id + "/revise", rep, a.etag(), body("startDate", "first of May")), 400, "malformed-request");
        refused(post("/api/contracts/" + id + "/revise", rep, null, body("value", money("25000.00", "CNY"))), 428, "precondition-required");
        refused(post("/api/contracts/" + id + "/revise", rep, "\"99\"", body("value", money("25000.00", "CNY"))), 412, "precondition-failed");

        assertThat(snapshot(id)).isEqualTo(before);
        JsonNode still = get("/api/contracts/" + id, rep).json();
        assertThat(still.path("status").asString()).isEqualTo("REJECTED");
        assertThat(still.path("value").path("amount").asString()).isEqualTo("20000.00");
    }

    @Test
    void anUnknownMilestoneIsNotFoundOnTheContractAndUnprocessableOnAPaymentWithNothingWritten() {
        Answer a = signed("30000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = post("/api/contracts/" + id + "/start-execution", manager, a.etag(), null);
        a = call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "delivery", "weight", 100, "dueDate", "2026-12-10"))));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        Snapshot before = snapshot(id);

        refused(post("/api/contracts/" + id + "/milestones/" + UUID.randomUUID() + "/complete", manager, a.etag(), body("date", "2026-12-01")),
                404, "milestone-not-found");
        refused(post("/api/contracts/" + id + "/milestones/not-a-uuid/complete", manager, a.etag(), body("date", "2026-12-01")),
                400, "malformed-request");
        refused(post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("100.00", "CNY"), "milestoneId", UUID.randomUUID())),
                422, "milestone-not-found");

        assertThat(snapshot(id)).isEqualTo(before);
        assertThat(get("/api/contracts/" + id, manager).json().path("milestones").get(0).path("completedOn").isNull()).isTrue();
        assertThat(rows("select count(*) from contract_payment where contract_id = :c", "c", UUID.fromString(id))).isZero();
    }

    @Test
    void badMilestonePlansAndPaymentPlansAreRefusedAndThePlansStay() {
        Answer a = signed("40000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "delivery", "weight", 30), body("name", "acceptance", "weight", 70))));
        a = call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, a.etag(), body("instalments", List.of(
                body("dueDate", "2026-12-31", "amount", money("40000.00", "CNY")))));
        Snapshot before = snapshot(id);
        UUID same = UUID.randomUUID();

        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "delivery", "weight", 0), body("name", "acceptance", "weight", 100)))), 422, "milestone-weights-invalid");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "delivery", "weight", 50), body("name", "delivery", "weight", 50)))), 422, "milestone-names-not-unique");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("id", same, "name", "a", "weight", 50), body("id", same, "name", "b", "weight", 50)))), 422, "milestone-ids-not-unique");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of())), 400, "validation-failed");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, a.etag(), body("instalments", List.of(
                body("dueDate", "2026-12-31", "amount", money("0.00", "CNY"))))), 422, "payment-plan-invalid");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, a.etag(), body("instalments", List.of(
                body("dueDate", "2026-12-31", "amount", money("100.00", "USD"))))), 422, "currency-mismatch");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, a.etag(), body("instalments", List.of(
                body("amount", money("100.00", "CNY"))))), 400, "validation-failed");
        refused(call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, null, body("instalments", List.of())), 428, "precondition-required");

        assertThat(snapshot(id)).isEqualTo(before);
        JsonNode still = get("/api/contracts/" + id, manager).json();
        assertThat(still.path("milestones")).hasSize(2);
        assertThat(still.path("paymentPlan")).hasSize(1);
    }

    @Test
    void signingAndTerminatingWithAStaleIfMatchOrBadBodyEmitNoEvent() {
        Answer a = signed("15000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        Snapshot before = snapshot(id);
        assertThat(before.events()).containsExactly("ContractSigned");

        refused(post("/api/contracts/" + id + "/terminate", manager, "\"0\"", body("terminationDate", "2026-12-01", "reason", "x")), 412, "precondition-failed");
        refused(post("/api/contracts/" + id + "/terminate", manager, null, body("terminationDate", "2026-12-01", "reason", "x")), 428, "precondition-required");
        refused(post("/api/contracts/" + id + "/terminate", manager, a.etag(), body("terminationDate", "2026-12-01")), 400, "validation-failed");
        refused(post("/api/contracts/" + id + "/terminate", manager, a.etag(), body("terminationDate", "2026-11-01", "reason", "x")),
                422, "termination-before-signing");
        refused(post("/api/contracts/" + id + "/amendments", manager, "\"0\"", body("value", money("9000.00", "CNY"), "reason", "cut",
                "effectiveDate", "2026-12-01")), 412, "precondition-failed");
        refused(post("/api/contracts/" + id + "/amendments", manager, a.etag(), body("value", money("15000.00", "CNY"), "reason", "same",
                "effectiveDate", "2026-12-01")), 422, "amendment-changes-nothing");
        refused(post("/api/contracts/" + id + "/amendments", manager, a.etag(), body("value", money("9000.00", "CNY"), "reason", "early",
                "effectiveDate", "2026-11-01")), 422, "amendment-before-signing");
        refused(post("/api/contracts/" + id + "/sign", manager, a.etag(), body("signedDate", "2026-11-21")), 409, "transition-not-allowed");

        assertThat(snapshot(id)).isEqualTo(before);
    }

    @Test
    void paymentsThatAreNotPositiveOrNotPayableAreRefusedWithNothingRecorded() {
        Answer draft = draft(TestTokens.rep(REP_A), "5000.00", REP_A, null);
        refused(post("/api/contracts/" + draft.id() + "/payments", ERP, null, body("amount", money("100.00", "CNY"))), 409, "contract-not-payable");
        Answer a = signed("5000.00");
        Snapshot before = snapshot(a.id());
        refused(post("/api/contracts/" + a.id() + "/payments", ERP, null, body("amount", money("0.00", "CNY"))), 422, "payment-invalid");
        refused(post("/api/contracts/" + a.id() + "/payments", ERP, null, body("amount", money("-1.00", "CNY"))), 422, "payment-invalid");
        refused(post("/api/contracts/" + a.id() + "/payments", ERP, null, body("receivedDate", "2026-12-01")), 400, "validation-failed");
        refused(post("/api/contracts/" + a.id() + "/payments", ERP, null, body("amount", money("1.001", "CNY"))), 400, "validation-failed");
        assertThat(snapshot(a.id())).isEqualTo(before);
        assertThat(snapshot(draft.id()).events()).isEmpty();
    }
}
