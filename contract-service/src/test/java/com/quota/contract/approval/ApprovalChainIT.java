package com.quota.contract.approval;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Approval chains over HTTP: thresholds changed by API change the chain; approver rules; the pending inbox. */
class ApprovalChainIT extends AbstractContractServiceIT {

    static final String RULES = "/api/contracts/approval-rules";

    @Test
    void changingTheThresholdsByApiChangesTheChainOfTheNextSubmission() {
        String director = TestTokens.director(DIRECTOR);
        JsonNode rules = get(RULES, director).json();
        assertThat(rules).hasSize(3);
        JsonNode managerBand = rules.get(0);
        JsonNode directorBand = rules.get(1);
        assertThat(managerBand.path("upTo").asString()).isEqualTo("100000");
        try {
            // before: 80,000 needs the owner's manager
            Answer before = draft(TestTokens.rep(REP_A), "80000.00", REP_A, null);
            before = post("/api/contracts/" + before.id() + "/submit", TestTokens.rep(REP_A), before.etag(), null);
            assertThat(before.json().path("pendingApprovalRole").asString()).isEqualTo("MANAGER");

            // manager band ends at 50,000 and the director band starts there
            Answer shrunk = call(HttpMethod.PUT, RULES + "/" + managerBand.path("id").asString(), director,
                    "\"" + managerBand.path("rowVersion").asLong() + "\"", body("above", "0", "upTo", "50000", "steps", List.of("MANAGER")));
            assertThat(shrunk.status()).as(shrunk.text()).isEqualTo(200);
            Answer widened = call(HttpMethod.PUT, RULES + "/" + directorBand.path("id").asString(), director,
                    "\"" + directorBand.path("rowVersion").asLong() + "\"", body("above", "50000", "upTo", "1000000", "steps", List.of("DIRECTOR")));
            assertThat(widened.status()).as(widened.text()).isEqualTo(200);

            Answer after = draft(TestTokens.rep(REP_A), "80000.00", REP_A, null);
            after = post("/api/contracts/" + after.id() + "/submit", TestTokens.rep(REP_A), after.etag(), null);
            assertThat(after.json().path("pendingApprovalRole").asString()).isEqualTo("DIRECTOR");
            // the chain fixed at submission stays: the earlier contract still waits for its manager
            assertThat(get("/api/contracts/" + before.id(), director).json().path("pendingApprovalRole").asString()).isEqualTo("MANAGER");
        } finally {
            restore(director, managerBand, directorBand);
        }
    }

    private void restore(String director, JsonNode managerBand, JsonNode directorBand) {
        JsonNode now = get(RULES, director).json();
        for (JsonNode rule : now) {
            if (rule.path("id").asString().equals(directorBand.path("id").asString())) {
                call(HttpMethod.PUT, RULES + "/" + rule.path("id").asString(), director, "\"" + rule.path("rowVersion").asLong() + "\"",
                        body("above", "100000", "upTo", "1000000", "steps", List.of("DIRECTOR")));
            }
        }
        for (JsonNode rule : get(RULES, director).json()) {
            if (rule.path("id").asString().equals(managerBand.path("id").asString())) {
                call(HttpMethod.PUT, RULES + "/" + rule.path("id").asString(), director, "\"" + rule.path("rowVersion").asLong() + "\"",
                        body("above", "0", "upTo", "100000", "steps", List.of("MANAGER")));
            }
        }
        assertThat(get(RULES, director).json().get(0).path("upTo").asString()).isEqualTo("100000");
    }

    @Test
    void anOverlappingRuleIsRefusedAndNothingChanges() {
        String admin = TestTokens.admin();
        long before = rows("select count(*) from approval_rule");
        long audits = rows("select count(*) from audit_entry where entity_type = 'approval-rule'");
        Answer overlap = post(RULES, admin, null, body("above", "500000", "upTo", "2000000", "steps", List.of("ADMIN")));
        assertThat(overlap.status()).isEqualTo(422);
        assertThat(overlap.type()).isEqualTo(PROBLEMS + "approval-rules-overlap");
        Answer badRole = post(RULES, admin, null, body("above", "0", "upTo", "1", "steps", List.of("CEO")));
        assertThat(badRole.status()).isEqualTo(400);
        Answer emptyBand = post(RULES, admin, null, body("above", "10", "upTo", "10", "steps", List.of("ADMIN")));
        assertThat(emptyBand.status()).isEqualTo(400);
        Answer rep = post(RULES, TestTokens.rep(REP_A), null, body("above", "0", "upTo", "1", "steps", List.of("ADMIN")));
        assertThat(rep.status()).isEqualTo(403);
        JsonNode first = get(RULES, admin).json().get(0);
        Answer noIfMatch = call(HttpMethod.PUT, RULES + "/" + first.path("id").asString(), admin, null,
                body("above", "0", "upTo", "100000", "steps", List.of("MANAGER")));
        assertThat(noIfMatch.status()).isEqualTo(428);
        assertThat(rows("select count(*) from approval_rule")).isEqualTo(before);
        assertThat(rows("select count(*) from audit_entry where entity_type = 'approval-rule'")).isEqualTo(audits);
    }

    @Test
    void theSubmitterNeverApprovesAndAnotherUnitsManagerCannotEvenSeeIt() {
        String manager = TestTokens.manager(MANAGER_EAST);
        Answer a = draft(manager, "30000.00", REP_A, null);
        a = post("/api/contracts/" + a.id() + "/submit", manager, a.etag(), null);
        Answer own = post("/api/contracts/" + a.id() + "/approve", manager, a.etag(), body("comment", "mine"));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.type()).isEqualTo(PROBLEMS + "approver-is-submitter");
        Answer west = post("/api/contracts/" + a.id() + "/approve", TestTokens.manager(MANAGER_WEST), a.etag(), body("comment", "x"));
        assertThat(west.status()).isEqualTo(404);
        Answer director = post("/api/contracts/" + a.id() + "/approve", TestTokens.director(DIRECTOR), a.etag(), body("comment", "x"));
        assertThat(director.status()).isEqualTo(403);
        assertThat(director.type()).isEqualTo(PROBLEMS + "not-the-approver");
        JsonNode still = get("/api/contracts/" + a.id(), manager).json();
        assertThat(still.path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(still.path("approvals").get(0).path("decision").isNull()).isTrue();
    }

    @Test
    void aLargeContractGoesThroughDirectorThenFinanceEachFindingItInTheirInbox() {
        Answer a = draft(TestTokens.rep(REP_A), "1500000.00", REP_A, REP_B);
        String id = a.id();
        a = post("/api/contracts/" + id + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        assertThat(inbox(TestTokens.director(DIRECTOR))).contains(id);
        assertThat(inbox(TestTokens.admin())).doesNotContain(id);
        assertThat(inbox(TestTokens.manager(MANAGER_EAST))).doesNotContain(id);
        a = post("/api/contracts/" + id + "/approve", TestTokens.director(DIRECTOR), a.etag(), body("comment", "commercially fine"));
        assertThat(a.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(inbox(TestTokens.director(DIRECTOR))).doesNotContain(id);
        assertThat(inbox(TestTokens.admin())).contains(id);
        a = post("/api/contracts/" + id + "/approve", TestTokens.admin(), a.etag(), body("comment", "budget ok"));
        assertThat(a.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(a.json().path("approvals")).hasSize(2);
        assertThat(a.json().path("approvals").get(1).path("comment").asString()).isEqualTo("budget ok");
    }

    @Test
    void aRejectionNeedsACommentThenTheRevisedDraftIsSubmittedAgain() {
        Answer a = draft(TestTokens.rep(REP_A), "20000.00", REP_A, null);
        String id = a.id();
        a = post("/api/contracts/" + id + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        assertThat(inbox(TestTokens.manager(MANAGER_EAST))).contains(id);
        assertThat(inbox(TestTokens.manager(MANAGER_WEST))).doesNotContain(id);
        Answer noComment = post("/api/contracts/" + id + "/reject", TestTokens.manager(MANAGER_EAST), a.etag(), body("comment", ""));
        assertThat(noComment.status()).isEqualTo(400);
        a = post("/api/contracts/" + id + "/reject", TestTokens.manager(MANAGER_EAST), a.etag(), body("comment", "discount too deep"));
        assertThat(a.json().path("status").asString()).isEqualTo("REJECTED");
        a = post("/api/contracts/" + id + "/revise", TestTokens.rep(REP_A), a.etag(), body("value", money("24000.00", "CNY")));
        assertThat(a.json().path("status").asString()).isEqualTo("DRAFT");
        assertThat(a.json().path("value").path("amount").asString()).isEqualTo("24000.00");
        a = post("/api/contracts/" + id + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        assertThat(a.json().path("status").asString()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void aBandAddedInAGapIsReadableAndRemovable() {
        String admin = TestTokens.admin();
        Answer added = post(RULES, admin, null, body("above", "900000000", "upTo", null, "steps", List.of("ADMIN")));
        // the top band (1000000, ∞) already covers it
        assertThat(added.status()).isEqualTo(422);
        JsonNode top = get(RULES, admin).json().get(2);
        Answer shrunk = call(HttpMethod.PUT, RULES + "/" + top.path("id").asString(), admin, "\"" + top.path("rowVersion").asLong() + "\"",
                body("above", "1000000", "upTo", "900000000", "steps", List.of("DIRECTOR", "ADMIN")));
        assertThat(shrunk.status()).as(shrunk.text()).isEqualTo(200);
        try {
            added = post(RULES, admin, null, body("above", "900000000", "upTo", null, "steps", List.of("DIRECTOR", "ADMIN")));
            assertThat(added.status()).as(added.text()).isEqualTo(201);
            Answer one = get(RULES + "/" + added.id(), TestTokens.rep(REP_A));
            assertThat(one.json().path("band").asString()).isEqualTo("(900000000, ∞)");
            assertThat(call(HttpMethod.DELETE, RULES + "/" + added.id(), TestTokens.manager(MANAGER_EAST), null, null).status()).isEqualTo(403);
            assertThat(call(HttpMethod.DELETE, RULES + "/" + added.id(), admin, null, null).status()).isEqualTo(204);
            assertThat(get(RULES + "/" + added.id(), admin).status()).isEqualTo(404);
        } finally {
            JsonNode now = get(RULES, admin).json().get(2);
            call(HttpMethod.PUT, RULES + "/" + now.path("id").asString(), admin, "\"" + now.path("rowVersion").asLong() + "\"",
                    body("above", "1000000", "upTo", null, "steps", List.of("DIRECTOR", "ADMIN")));
        }
        assertThat(get(RULES, admin).json()).hasSize(3);
    }

    private List<String> inbox(String token) {
        Answer answer = get("/api/contracts/pending-approvals", token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }
}
