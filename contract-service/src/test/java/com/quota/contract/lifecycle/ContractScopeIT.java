package com.quota.contract.lifecycle;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scope for every role: REP own or co-owned, MANAGER subtree, DIRECTOR/ADMIN all, INTEGRATION by token scope; outside is 404. */
class ContractScopeIT extends AbstractContractServiceIT {

    @Test
    void eachRoleSeesWhatItsScopeAllows() {
        Answer a = draft(TestTokens.rep(REP_A), "1000.00", REP_A, REP_B);
        String path = "/api/contracts/" + a.id();
        assertThat(get(path, TestTokens.rep(REP_A)).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.rep(REP_B)).status()).as("co-owner").isEqualTo(200);
        assertThat(get(path, TestTokens.rep(REP_C)).status()).isEqualTo(404);
        assertThat(get(path, TestTokens.rep(REP_C)).type()).isEqualTo(PROBLEMS + "not-found");
        assertThat(get(path, TestTokens.manager(MANAGER_EAST)).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.manager(MANAGER_WEST)).status()).isEqualTo(404);
        assertThat(get(path, TestTokens.director(DIRECTOR)).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.admin()).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.integration("bi", "contracts.read")).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.integration("bi", "targets.read")).status()).isEqualTo(403);
        assertThat(get("/api/contracts/" + java.util.UUID.randomUUID(), TestTokens.admin()).status()).isEqualTo(404);

        assertThat(listed(TestTokens.rep(REP_B))).contains(a.id());
        assertThat(listed(TestTokens.rep(REP_C))).doesNotContain(a.id());
        assertThat(listed(TestTokens.manager(MANAGER_WEST))).doesNotContain(a.id());
        assertThat(listed(TestTokens.manager(MANAGER_EAST))).contains(a.id());

        // writes outside scope are 404 too, and a REP cannot draft for others only
        assertThat(post(path + "/submit", TestTokens.rep(REP_C), a.etag(), null).status()).isEqualTo(404);
        Answer forOthers = post("/api/contracts", TestTokens.rep(REP_C), null, body("accountId", java.util.UUID.randomUUID(),
                "value", money("10.00", "CNY"), "owners", List.of(owner(REP_A, "100", true))));
        assertThat(forOthers.status()).isEqualTo(422);
        assertThat(forOthers.type()).isEqualTo(PROBLEMS + "owners-outside-scope");
    }

    @Test
    void listsFilterPageAndSortAndExportAsCsv() {
        String director = TestTokens.director(DIRECTOR);
        Answer first = draft(TestTokens.rep(REP_C), "111.00", REP_C, null);
        draft(TestTokens.rep(REP_C), "222.00", REP_C, null);
        Answer page = get("/api/contracts?ownerRepId=" + REP_C + "&size=1&sort=value,asc", director);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.json().path("items")).hasSize(1);
        assertThat(page.json().path("page").path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.json().path("items").get(0).path("value").path("amount").asString()).isEqualTo("111.00");
        assertThat(get("/api/contracts?sort=secret,asc", director).type()).isEqualTo(PROBLEMS + "invalid-sort");
        assertThat(get("/api/contracts?size=501", director).status()).isEqualTo(400);
        assertThat(get("/api/contracts?status=SIGNEDISH", director).status()).isEqualTo(400);
        assertThat(get("/api/contracts?status=DRAFT&accountId=" + first.json().path("accountId").asString(), director)
                .json().path("items")).hasSize(1);

        Answer csv = get("/api/contracts/export?ownerRepId=" + REP_C, director);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("id,contractNumber,title,status").contains(first.id());

        Answer summary = get("/api/contracts/summary?from=2026-01-01&to=2030-12-31", director);
        assertThat(summary.status()).as(summary.text()).isEqualTo(200);
        assertThat(summary.json().path("byStatus").findValuesAsString("status")).contains("DRAFT");
        assertThat(summary.json().path("reportingCurrency").asString()).isEqualTo("CNY");
        assertThat(get("/api/contracts/summary?from=2026-02-01&to=2026-01-01", director).status()).isEqualTo(400);
    }

    @Test
    void everyReadOfAContractAnswersEachRoleWithinItsScopeAndOutsideIs404() {
        Answer a = signed("2000.00");
        String id = a.id();
        List<String> reads = List.of("/api/contracts/" + id, "/api/contracts/" + id + "/versions", "/api/contracts/" + id + "/versions/1",
                "/api/contracts/" + id + "/versions/diff", "/api/contracts/" + id + "/payments", "/api/contracts/" + id + "/audit");
        java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put(TestTokens.rep(REP_A), 200);
        expected.put(TestTokens.rep(REP_B), 200);
        expected.put(TestTokens.rep(REP_C), 404);
        expected.put(TestTokens.manager(MANAGER_EAST), 200);
        expected.put(TestTokens.manager(MANAGER_WEST), 404);
        expected.put(TestTokens.director(DIRECTOR), 200);
        expected.put(TestTokens.admin(), 200);
        expected.put(TestTokens.integration("bi", "contracts.read"), 200);
        expected.put(TestTokens.integration("erp", "contracts.write"), 200);
        expected.put(TestTokens.integration("crm", "opportunities.write"), 403);
        int role = 0;
        for (java.util.Map.Entry<String, Integer> who : expected.entrySet()) {
            for (String path : reads) {
                Answer answer = get(path, who.getKey());
                assertThat(answer.status()).as("caller #" + role + " GET " + path).isEqualTo(who.getValue());
                if (who.getValue() == 404) {
                    assertThat(answer.type()).isEqualTo(PROBLEMS + "not-found");
                }
            }
            role++;
        }
        // collections: an integration reads all with contracts.read, nothing without it; a REP only their own
        assertThat(listed(TestTokens.integration("bi", "contracts.read"))).contains(id);
        assertThat(get("/api/contracts", TestTokens.integration("crm", "opportunities.write")).status()).isEqualTo(403);
        assertThat(get("/api/contracts/export", TestTokens.integration("crm", "opportunities.write")).status()).isEqualTo(403);
        assertThat(get("/api/contracts/summary", TestTokens.integration("crm", "opportunities.write")).status()).isEqualTo(403);
        assertThat(get("/api/contracts/export", TestTokens.rep(REP_C)).text()).doesNotContain(id);
        assertThat(get("/api/contracts/export", TestTokens.integration("bi", "contracts.read")).text()).contains(id);
        assertThat(get("/api/contracts/pending-approvals", TestTokens.integration("bi", "contracts.read")).json()).isEmpty();
        assertThat(get("/api/contracts/pending-approvals", TestTokens.integration("crm", "opportunities.write")).status()).isEqualTo(403);
    }

    @Test
    void writesFollowTheRoleAndTheClientsScopeAndOutsideTheScopeAre404() {
        String id = draft(TestTokens.rep(REP_A), "3000.00", REP_A, null).id();
        String etag = get("/api/contracts/" + id, TestTokens.admin()).etag();
        // a rep never decides a step: 403 whatever the state (a DRAFT here), not the state's 409
        Answer repApprovesADraft = post("/api/contracts/" + id + "/approve", TestTokens.rep(REP_A), etag, body("comment", "mine"));
        assertThat(repApprovesADraft.status()).isEqualTo(403);
        assertThat(repApprovesADraft.type()).isEqualTo(PROBLEMS + "not-the-approver");
        // an integration without contracts.write may read but not submit; with it, it submits (and never approves)
        assertThat(post("/api/contracts/" + id + "/submit", TestTokens.integration("bi", "contracts.read"), etag, null).status()).isEqualTo(403);
        assertThat(post("/api/contracts/" + id + "/submit", TestTokens.manager(MANAGER_WEST), etag, null).status()).isEqualTo(404);
        Answer submitted = post("/api/contracts/" + id + "/submit", TestTokens.integration("erp", "contracts.write"), etag, null);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        Answer integrationApproves = post("/api/contracts/" + id + "/approve", TestTokens.integration("erp2", "contracts.write"), submitted.etag(),
                body("comment", "bot"));
        assertThat(integrationApproves.status()).isEqualTo(403);
        assertThat(integrationApproves.type()).isEqualTo(PROBLEMS + "not-the-approver");
        Answer repApproves = post("/api/contracts/" + id + "/approve", TestTokens.rep(REP_A), submitted.etag(), body("comment", "mine"));
        assertThat(repApproves.status()).isEqualTo(403);
        assertThat(get("/api/contracts/pending-approvals", TestTokens.manager(MANAGER_EAST)).json().findValuesAsString("id")).contains(id);
        assertThat(get("/api/contracts/pending-approvals", TestTokens.manager(MANAGER_WEST)).json().findValuesAsString("id")).doesNotContain(id);
        assertThat(get("/api/contracts/pending-approvals", TestTokens.rep(REP_A)).json()).isEmpty();
        Answer approved = post("/api/contracts/" + id + "/approve", TestTokens.manager(MANAGER_EAST), submitted.etag(), body("comment", "ok"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().path("submittedBy").asString()).isEqualTo("erp");
    }

    private List<String> listed(String token) {
        Answer answer = get("/api/contracts?size=500", token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
