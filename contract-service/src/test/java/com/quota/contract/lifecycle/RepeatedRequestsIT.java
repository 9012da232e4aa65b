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

/** Sending the same plan or amendment again (a retry, a second demo load) changes nothing and creates nothing twice. */
class RepeatedRequestsIT extends AbstractContractServiceIT {

    @Test
    void aMilestonePlanSentAgainKeepsItsMilestonesAndWhatIsDoneWithClientChosenIdsOrByName() {
        Answer a = signed("60000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = post("/api/contracts/" + id + "/start-execution", manager, a.etag(), null);
        UUID delivery = UUID.randomUUID();
        Map<String, Object> plan = body("milestones", List.of(
                body("id", delivery, "name", "delivery", "weight", 40, "dueDate", "2026-12-10"),
                body("name", "acceptance", "weight", 60, "dueDate", "2027-02-28")));
        a = call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), plan);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().path("milestones").get(0).path("id").asString()).isEqualTo(delivery.toString());
        String acceptance = a.json().path("milestones").get(1).path("id").asString();
        a = post("/api/contracts/" + id + "/milestones/" + delivery + "/complete", manager, a.etag(), body("date", "2026-12-08"));
        assertThat(a.json().path("percentComplete").asString()).isEqualTo("40.00");

        a = call(HttpMethod.PUT, "/api/contracts/" + id + "/milestones", manager, a.etag(), plan);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode milestones = a.json().path("milestones");
        assertThat(milestones.get(0).path("id").asString()).isEqualTo(delivery.toString());
        assertThat(milestones.get(0).path("completedOn").asString()).isEqualTo("2026-12-08");
        assertThat(milestones.get(1).path("id").asString()).as("kept by name").isEqualTo(acceptance);
        assertThat(a.json().path("percentComplete").asString()).isEqualTo("40.00");
        Answer twice = post("/api/contracts/" + id + "/milestones/" + delivery + "/complete", manager, a.etag(), body("date", "2026-12-09"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.type()).isEqualTo(PROBLEMS + "milestone-already-completed");

        // another contract cannot take a milestone id that is in use
        Answer other = signed("1000.00");
        Answer taken = call(HttpMethod.PUT, "/api/contracts/" + other.id() + "/milestones", manager, other.etag(), body("milestones", List.of(
                body("id", delivery, "name", "delivery", "weight", 100))));
        assertThat(taken.status()).as(taken.text()).isEqualTo(409);
        assertThat(taken.type()).isEqualTo(PROBLEMS + "duplicate-milestone-id");
        assertThat(get("/api/contracts/" + other.id(), manager).json().path("milestones")).isEmpty();
    }

    @Test
    void anAmendmentRetriedWithItsIdempotencyKeyAnswersTheFirstVersionAndPublishesOneEvent() {
        Answer a = signed("50000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        Map<String, Object> amendment = body("value", money("45000.00", "CNY"), "reason", "one site cancelled", "effectiveDate", "2026-12-01");
        Map<String, String> key = Map.of("Idempotency-Key", "amend-" + id);
        Answer first = call(HttpMethod.POST, "/api/contracts/" + id + "/amendments", manager, a.etag(), amendment, key);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.headers().getLocation().toString()).endsWith("/api/contracts/" + id + "/versions/2");
        // the retry carries the ETag it read before the first attempt: still the first answer, nothing new
        Answer retry = call(HttpMethod.POST, "/api/contracts/" + id + "/amendments", manager, a.etag(), amendment, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.etag()).isEqualTo(first.etag());
        assertThat(get("/api/contracts/" + id + "/versions", manager).json()).hasSize(2);
        assertThat(eventsOf(id)).extracting(OutboxEvent::eventType).containsExactly("ContractSigned", "ContractAmended");

        Answer reused = call(HttpMethod.POST, "/api/contracts/" + id + "/amendments", manager, first.etag(),
                body("value", money("40000.00", "CNY"), "reason", "two sites", "effectiveDate", "2026-12-01"), key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.type()).isEqualTo(PROBLEMS + "idempotency-key-reused");
        assertThat(get("/api/contracts/" + id + "/versions", manager).json()).hasSize(2);
    }
}
