package com.quota.contract.lifecycle;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Amendments over HTTP: version n+1 with a reason, every version kept and diffable, ContractAmended with the delta. */
class ContractAmendmentIT extends AbstractContractServiceIT {

    @Test
    void anAmendmentWithANegativeDeltaAddsVersionTwoAndPublishesTheDelta() {
        Answer a = signed("180000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        Answer amended = post("/api/contracts/" + id + "/amendments", manager, a.etag(), body(
                "value", money("150000.00", "CNY"), "reason", "two analyzers cancelled", "effectiveDate", "2026-12-15",
                "endDate", "2027-10-31"));
        assertThat(amended.status()).as(amended.text()).isEqualTo(201);
        assertThat(amended.headers().getLocation().toString()).endsWith("/api/contracts/" + id + "/versions/2");
        assertThat(amended.json().path("version").asInt()).isEqualTo(2);
        assertThat(amended.json().path("value").path("amount").asString()).isEqualTo("150000.00");

        JsonNode versions = get("/api/contracts/" + id + "/versions", manager).json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("value").path("amount").asString()).isEqualTo("180000.00");
        assertThat(versions.get(1).path("reason").asString()).isEqualTo("two analyzers cancelled");
        JsonNode diff = get("/api/contracts/" + id + "/versions/diff?from=1&to=2", manager).json();
        assertThat(diff.path("valueDelta").path("amount").asString()).isEqualTo("-30000.00");
        assertThat(diff.path("changes").findValuesAsString("field")).containsExactly("value", "endDate");
        assertThat(get("/api/contracts/" + id + "/versions/3", manager).status()).isEqualTo(404);

        List<OutboxEvent> events = eventsOf(id);
        assertThat(events).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "ContractAmended");
        JsonNode event = JSON.readTree(events.get(1).payload());
        assertThat(event.path("version").asInt()).isEqualTo(2);
        assertThat(event.path("previousVersion").asInt()).isEqualTo(1);
        assertThat(event.path("valueDelta").path("amount").asString()).isEqualTo("-30000.00");
        assertThat(event.path("reportingValueDelta").path("amount").asString()).isEqualTo("-30000.00");
        assertThat(event.path("effectiveDate").asString()).isEqualTo("2026-12-15");
        assertThat(event.path("signedDate").asString()).isEqualTo("2026-11-20");
        assertThat(event.path("owners")).hasSize(2);
    }

    @Test
    void aTerminatedOrClosedContractCannotBeAmendedAndNothingIsWritten() {
        Answer a = signed("5000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = post("/api/contracts/" + id + "/terminate", manager, a.etag(), body("terminationDate", "2026-11-30", "reason", "lost funding"));
        long audits = auditEntries(id);
        Answer refused = post("/api/contracts/" + id + "/amendments", manager, a.etag(), body(
                "value", money("6000.00", "CNY"), "reason", "more", "effectiveDate", "2026-12-01"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.type()).isEqualTo(PROBLEMS + "contract-not-amendable");
        assertThat(get("/api/contracts/" + id + "/versions", manager).json()).hasSize(1);
        assertThat(eventsOf(id)).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "ContractTerminated");
        assertThat(auditEntries(id)).isEqualTo(audits);
    }

    @Test
    void anAmendmentNeedsAReasonAndAnEffectiveDate() {
        Answer a = signed("5000.00");
        String manager = TestTokens.manager(MANAGER_EAST);
        Answer noReason = post("/api/contracts/" + a.id() + "/amendments", manager, a.etag(), body(
                "value", money("6000.00", "CNY"), "effectiveDate", "2026-12-01"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.type()).isEqualTo(PROBLEMS + "validation-failed");
        Answer repAmends = post("/api/contracts/" + a.id() + "/amendments", TestTokens.rep(REP_A), a.etag(), body(
                "value", money("6000.00", "CNY"), "reason", "x", "effectiveDate", "2026-12-01"));
        assertThat(repAmends.status()).isEqualTo(403);
        assertThat(eventsOf(a.id())).hasSize(1);
    }
}
