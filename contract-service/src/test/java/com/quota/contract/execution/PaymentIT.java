package com.quota.contract.execution;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Payment plans and payments over HTTP: the ERP records idempotently by externalRef; never over the outstanding value. */
class PaymentIT extends AbstractContractServiceIT {

    static final String ERP = TestTokens.integration("erp-finance", "payments.write", "contracts.read");

    @Test
    void theErpRecordsAPaymentOnceByExternalRefAndTheCollectionRateFollows() {
        Answer a = signed("100000.00");
        String id = a.id();
        String ref = "ERP-RCPT-" + UUID.randomUUID();
        Answer first = post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("30000.00", "CNY"),
                "receivedDate", "2026-11-25", "externalRef", ref));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        Answer again = post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("30000.00", "CNY"),
                "receivedDate", "2026-11-25", "externalRef", ref));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(rows("select count(*) from contract_payment where external_ref = :r", "r", ref)).isEqualTo(1);

        JsonNode contract = get("/api/contracts/" + id, TestTokens.manager(MANAGER_EAST)).json();
        assertThat(contract.path("collected").path("amount").asString()).isEqualTo("30000.00");
        assertThat(contract.path("outstanding").path("amount").asString()).isEqualTo("70000.00");
        assertThat(contract.path("collectionRatePercent").asString()).isEqualTo("30.00");

        List<OutboxEvent> events = eventsOf(id);
        assertThat(events).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "PaymentReceived");
        JsonNode payment = JSON.readTree(events.get(1).payload());
        assertThat(payment.path("externalRef").asString()).isEqualTo(ref);
        assertThat(payment.path("collectionRatePercent").asString()).isEqualTo("30.00");
        assertThat(payment.path("recordedBy").path("subject").asString()).isEqualTo("erp-finance");
        assertThat(payment.path("paymentId").asString()).isEqualTo(first.id());
        JsonNode listed = get("/api/contracts/" + id + "/payments", ERP).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("externalRef").asString()).isEqualTo(ref);
    }

    @Test
    void aPaymentOverTheOutstandingValueIsRefusedWithNothingWrittenAndNoEvent() {
        Answer a = signed("10000.00");
        String id = a.id();
        post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("9000.00", "CNY"), "externalRef", "R1-" + id));
        long audits = auditEntries(id);
        Answer over = post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("1000.01", "CNY"), "externalRef", "R2-" + id));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.type()).isEqualTo(PROBLEMS + "payment-exceeds-outstanding");
        assertThat(over.json().path("outstanding").asString()).isEqualTo("1000.00");
        Answer otherCurrency = post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("10.00", "USD")));
        assertThat(otherCurrency.status()).isEqualTo(422);
        assertThat(rows("select count(*) from contract_payment where contract_id = :c", "c", UUID.fromString(id))).isEqualTo(1);
        assertThat(eventsOf(id)).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "PaymentReceived");
        assertThat(auditEntries(id)).isEqualTo(audits);
    }

    @Test
    void whoMayRecordPayments() {
        Answer a = signed("10000.00");
        String id = a.id();
        assertThat(post("/api/contracts/" + id + "/payments", TestTokens.rep(REP_A), null, body("amount", money("1.00", "CNY"))).status()).isEqualTo(403);
        assertThat(post("/api/contracts/" + id + "/payments", TestTokens.integration("crm", "contracts.read"), null,
                body("amount", money("1.00", "CNY"))).status()).isEqualTo(403);
        assertThat(post("/api/contracts/" + id + "/payments", TestTokens.manager(MANAGER_WEST), null, body("amount", money("1.00", "CNY"))).status()).isEqualTo(404);
        Answer draft = draft(TestTokens.rep(REP_A), "500.00", REP_A, null);
        Answer unsigned = post("/api/contracts/" + draft.id() + "/payments", ERP, null, body("amount", money("1.00", "CNY")));
        assertThat(unsigned.status()).isEqualTo(409);
        assertThat(unsigned.type()).isEqualTo(PROBLEMS + "contract-not-payable");
    }

    @Test
    void aPaymentPlanGivesOverdueReceivablesAsOfADayAndMilestoneWeightsMustMakeOneHundred() {
        Answer a = signed("90000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        Answer tooMuch = call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, a.etag(), body("instalments", List.of(
                body("dueDate", "2026-12-01", "amount", money("60000.00", "CNY")),
                body("dueDate", "2027-01-01", "amount", money("30000.01", "CNY")))));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.type()).isEqualTo(PROBLEMS + "payment-plan-exceeds-value");
        a = call(HttpMethod.PUT, "/api/contracts/" + id + "/payment-plan", manager, a.etag(), body("instalments", List.of(
                body("dueDate", "2026-12-01", "amount", money("30000.00", "CNY")),
                body("dueDate", "2027-01-01", "amount", money("30000.00", "CNY")),
                body("dueDate", "2027-02-01", "amount", money("30000.00", "CNY")))));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        post("/api/contracts/" + id + "/payments", ERP, null, body("amount", money("40000.00", "CNY"), "receivedDate", "2026-12-01"));
        JsonNode asOf = get("/api/contracts/" + id + "?asOf=2027-01-15", manager).json();
        assertThat(asOf.path("overdueReceivables").path("amount").asString()).isEqualTo("20000.00");
        assertThat(asOf.path("collectionRatePercent").asString()).isEqualTo("44.44");

        a = get("/api/contracts/" + id, manager);
        Answer weights = call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), body("milestones", List.of(
                body("name", "delivery", "weight", 50), body("name", "acceptance", "weight", 40))));
        assertThat(weights.status()).isEqualTo(422);
        assertThat(weights.type()).isEqualTo(PROBLEMS + "milestone-weights-invalid");
        assertThat(get("/api/contracts/" + id, manager).json().path("milestones")).isEmpty();
    }
}
