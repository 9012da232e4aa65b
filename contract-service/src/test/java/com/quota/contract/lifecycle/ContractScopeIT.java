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

    private List<String> listed(String token) {
        Answer answer = get("/api/contracts?size=500", token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
