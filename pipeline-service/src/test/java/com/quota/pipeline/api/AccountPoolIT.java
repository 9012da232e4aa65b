package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts and the customer pool: claims within the pick rules, assignments, releases, the recycle job, history. */
class AccountPoolIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    OrgFixture org;

    PipelineTestApi api;

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        org = new OrgFixture(brokers, db);
    }

    // the rules are configurable by API: read the ETag, then change them with If-Match
    private void setRules(int perDay, int cooldown, int recycle) {
        String etag = client.get().uri("/api/accounts/pool/rules").header("Authorization", "Bearer " + TestTokens.admin())
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        JsonNode rules = api.ok(api.put(TestTokens.admin(), "/api/accounts/pool/rules", etag,
                Map.of("claimsPerRepPerDay", perDay, "reclaimCooldownDays", cooldown, "recycleAfterDays", recycle)));
        assertThat(rules.path("claimsPerRepPerDay").asInt()).isEqualTo(perDay);
    }

    @Test
    void anAccountWithoutOwnerIsInThePoolAndARepClaimsItWithinTheDailyLimit() {
        setRules(2, 30, 90);
        try {
            UUID rep = org.rep();
            String token = TestTokens.rep(rep);
            UUID a = api.createAccount(null, "NORTH", "SMB");
            UUID b = api.createAccount(null, "NORTH", "SMB");
            UUID c = api.createAccount(null, "NORTH", "SMB");
            JsonNode pool = api.ok(api.get(token, "/api/accounts?inPool=true&region=NORTH&size=500"));
            assertThat(pool.path("items")).extracting(i -> i.path("id").asString()).contains(a.toString(), b.toString(), c.toString());

            JsonNode claimed = api.ok(api.post(token, "/api/accounts/" + a + "/claim", null));
            assertThat(claimed.path("ownerRepId").asString()).isEqualTo(rep.toString());
            api.ok(api.post(token, "/api/accounts/" + b + "/claim", null));
            api.problem(api.post(token, "/api/accounts/" + c + "/claim", null), 422, "claim-limit-reached");
            assertThat(api.ok(api.get(TestTokens.admin(), "/api/accounts/" + c)).path("inPool").asBoolean()).isTrue();

            // another rep cannot see, claim or release an owned account
            String other = TestTokens.rep(org.rep());
            api.problem(api.get(other, "/api/accounts/" + a), 404, "not-found");
            api.problem(api.post(other, "/api/accounts/" + a + "/claim", null), 404, "not-found");

            // released, the previous owner may not re-claim within the cool-off
            api.ok(api.post(token, "/api/accounts/" + a + "/release", Map.of("reason", "no budget")));
            setRules(5, 30, 90);
            api.problem(api.post(token, "/api/accounts/" + a + "/claim", null), 422, "reclaim-too-soon");

            JsonNode history = api.ok(api.get(TestTokens.admin(), "/api/accounts/" + a + "/history"));
            assertThat(history.path("items")).extracting(h -> h.path("action").asString())
                    .containsExactly("CREATED", "CLAIMED", "RELEASED");
            assertThat(history.path("items").get(2).path("fromRepId").asString()).isEqualTo(rep.toString());
        } finally {
            setRules(5, 30, 90);
        }
    }

    @Test
    void managersAssignOneOrInBulkByRuleAndRepsMayNot() {
        UUID manager = UUID.randomUUID();
        UUID r1 = org.rep();
        UUID r2 = org.rep();
        String segment = "SEG-" + UUID.randomUUID().toString().substring(0, 8);
        UUID one = api.createAccount(null, "WEST", segment);
        api.createAccount(null, "WEST", segment);
        api.createAccount(null, "WEST", segment);
        api.createAccount(null, "SOUTH", segment);

        api.problem(api.post(TestTokens.rep(r1), "/api/accounts/" + one + "/assign", Map.of("repId", r1)), 403, "forbidden");
        JsonNode assigned = api.ok(api.post(TestTokens.director(manager), "/api/accounts/" + one + "/assign",
                Map.of("repId", r1, "reason", "territory")));
        assertThat(assigned.path("ownerRepId").asString()).isEqualTo(r1.toString());

        JsonNode bulk = api.ok(api.post(TestTokens.director(manager), "/api/accounts/pool/assign",
                Map.of("region", "WEST", "segment", segment, "repIds", List.of(r1, r2))));
        assertThat(bulk.path("assigned").asInt()).isEqualTo(2);
        JsonNode r2s = api.ok(api.get(TestTokens.admin(), "/api/accounts?ownerRepId=" + r2));
        assertThat(r2s.path("items").size()).isEqualTo(1);
        JsonNode south = api.ok(api.get(TestTokens.admin(), "/api/accounts?inPool=true&segment=" + segment));
        assertThat(south.path("items")).extracting(i -> i.path("region").asString()).containsExactly("SOUTH");

        api.problem(api.post(TestTokens.director(manager), "/api/accounts/pool/assign",
                Map.of("region", "WEST", "repIds", List.of())), 400, "validation-failed");
    }

    @Test
    void theRecycleJobReturnsAnAccountWithoutFollowUpToThePoolAndLogsIt() {
        UUID rep = org.rep();
        UUID stale = api.createAccount(rep, "EAST", "SMB");
        UUID fresh = api.createAccount(rep, "EAST", "SMB");
        // the account's last follow-up was 100 days ago (the rule says 90)
        db.sql("UPDATE account SET last_follow_up_at = now() - interval '100 days' WHERE id = :id").bind("id", stale).then().block();

        api.problem(api.post(TestTokens.rep(rep), "/api/accounts/pool/recycle", null), 403, "forbidden");
        JsonNode run = api.ok(api.post(TestTokens.admin(), "/api/accounts/pool/recycle", null));
        assertThat(run.path("recycled").asInt()).isGreaterThanOrEqualTo(1);

        assertThat(api.ok(api.get(TestTokens.admin(), "/api/accounts/" + stale)).path("inPool").asBoolean()).isTrue();
        assertThat(api.ok(api.get(TestTokens.admin(), "/api/accounts/" + fresh)).path("ownerRepId").asString()).isEqualTo(rep.toString());
        JsonNode history = api.ok(api.get(TestTokens.admin(), "/api/accounts/" + stale + "/history"));
        JsonNode last = history.path("items").get(history.path("items").size() - 1);
        assertThat(last.path("action").asString()).isEqualTo("RECYCLED");
        assertThat(last.path("fromRepId").asString()).isEqualTo(rep.toString());
        assertThat(last.path("reason").asString()).contains("90 days");
    }

    @Test
    void accountsAreUpdatedWithIfMatchAndUpsertedByExternalRef() {
        String ref = "CRM-ACC-" + UUID.randomUUID();
        String crm = TestTokens.integration("crm", "accounts.write");
        JsonNode created = api.ok(api.put(crm, "/api/accounts/by-external-ref/" + ref, null,
                Map.of("name", "Jinghua Pharma", "region", "EAST")));
        JsonNode again = api.ok(api.put(crm, "/api/accounts/by-external-ref/" + ref, null,
                Map.of("name", "Jinghua Pharmaceutical", "region", "EAST")));
        assertThat(again.path("id").asString()).isEqualTo(created.path("id").asString());
        assertThat(again.path("name").asString()).isEqualTo("Jinghua Pharmaceutical");
        api.problem(api.put(TestTokens.integration("crm", "opportunities.write"), "/api/accounts/by-external-ref/" + ref, null,
                Map.of("name", "x")), 403, "forbidden");
        api.problem(api.post(crm, "/api/accounts", Map.of("name", "Dup", "externalRef", ref)), 409, "duplicate");

        String id = created.path("id").asString();
        api.problem(api.put(TestTokens.admin(), "/api/accounts/" + id, null, Map.of("name", "X")), 428, "precondition-required");
        api.problem(api.put(TestTokens.admin(), "/api/accounts/" + id, "\"0\"", Map.of("name", "X")), 412, "precondition-failed");
        api.problem(api.put(TestTokens.admin(), "/api/accounts/" + id, "\"1\"", Map.of("name", " ")), 400, "validation-failed");
        JsonNode updated = api.ok(api.put(TestTokens.admin(), "/api/accounts/" + id, "\"1\"", Map.of("name", "Jinghua", "industry", "PHARMA")));
        assertThat(updated.path("industry").asString()).isEqualTo("PHARMA");
        assertThat(api.ok(api.get(crm, "/api/accounts?externalRef=" + ref)).path("items").get(0).path("id").asString()).isEqualTo(id);
    }
}
