package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail (api-conventions' AuditWriter/AuditTrail) per opportunity and per account: every command with who,
 * before, after and why, newest first, scoped like the record (outside scope is 404); a refused command writes none.
 */
class AuditTrailIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    private static List<String> actions(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(i -> i.path("action").asString()).toList();
    }

    @Test
    void everyOpportunityCommandIsAuditedAndARefusedOneIsNot() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        OrgFixture org = new OrgFixture(brokers, db);
        UUID rep = org.rep();
        UUID other = org.rep();
        UUID account = api.createAccount(rep, "EAST", "ENTERPRISE");
        UUID pipeline = api.createPipeline();
        String token = TestTokens.rep(rep);
        UUID id = UUID.fromString(api.createOpportunity(token, account, pipeline, "1000.00", "CNY", null).path("id").asString());
        api.ok(api.post(token, "/api/opportunities/" + id + "/advance", null));
        api.ok(api.post(token, "/api/opportunities/" + id + "/suspend", Map.of("reason", "customer froze budgets")));
        api.problem(api.post(token, "/api/opportunities/" + id + "/win", null), 409, "transition-not-allowed");

        JsonNode trail = api.ok(api.get(token, "/api/opportunities/" + id + "/audit"));
        assertThat(actions(trail)).as("newest first; the refused win left nothing").containsExactly("SUSPEND", "ADVANCE", "CREATE");
        JsonNode suspend = trail.path("items").get(0);
        assertThat(suspend.path("reason").asString()).isEqualTo("customer froze budgets");
        assertThat(suspend.path("before").path("status").asString()).isEqualTo("OPEN");
        assertThat(suspend.path("after").path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(suspend.path("actorRepId").asString()).isEqualTo(rep.toString());
        JsonNode advance = trail.path("items").get(1);
        assertThat(advance.path("before").path("stage").asString()).isEqualTo("P1");
        assertThat(advance.path("after").path("stage").asString()).isEqualTo("P2");
        assertThat(trail.path("items").get(2).path("before").isNull() || trail.path("items").get(2).path("before").isMissingNode())
                .isTrue();
        assertThat(actions(api.ok(api.get(token, "/api/opportunities/" + id + "/audit?sort=action,asc"))))
                .containsExactly("ADVANCE", "CREATE", "SUSPEND");
        assertThat(api.ok(api.get(token, "/api/opportunities/" + id + "/audit?size=1")).path("page").path("totalElements").asLong())
                .isEqualTo(3);

        api.problem(api.get(TestTokens.rep(other), "/api/opportunities/" + id + "/audit"), 404, "not-found");
        api.problem(api.get(token, "/api/opportunities/" + UUID.randomUUID() + "/audit"), 404, "not-found");
        api.problem(api.get(token, "/api/opportunities/" + id + "/audit?sort=before,asc"), 400, "invalid-sort");
        assertThat(actions(api.ok(api.get(TestTokens.director(UUID.randomUUID()), "/api/opportunities/" + id + "/audit"))))
                .hasSize(3);
    }

    @Test
    void everyAccountMoveIsAudited() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        OrgFixture org = new OrgFixture(brokers, db);
        UUID rep = org.rep();
        UUID other = org.rep();
        UUID account = api.createAccount(rep, "EAST", "ENTERPRISE");
        api.ok(api.post(TestTokens.rep(rep), "/api/accounts/" + account + "/release", Map.of("reason", "no budget")));
        api.ok(api.post(TestTokens.admin(), "/api/accounts/" + account + "/assign", Map.of("repId", other, "reason", "region plan")));

        JsonNode trail = api.ok(api.get(TestTokens.admin(), "/api/accounts/" + account + "/audit"));
        assertThat(actions(trail)).containsExactly("ASSIGNED", "RELEASED", "CREATED");
        JsonNode assigned = trail.path("items").get(0);
        assertThat(assigned.path("reason").asString()).isEqualTo("region plan");
        assertThat(assigned.path("before").path("ownerRepId").asString("")).as("in the pool before").isEmpty();
        assertThat(assigned.path("after").path("ownerRepId").asString()).isEqualTo(other.toString());
        assertThat(trail.path("items").get(1).path("before").path("ownerRepId").asString()).isEqualTo(rep.toString());

        assertThat(actions(api.ok(api.get(TestTokens.rep(other), "/api/accounts/" + account + "/audit")))).hasSize(3);
        api.problem(api.get(TestTokens.rep(rep), "/api/accounts/" + account + "/audit"), 404, "not-found");
    }

    @Test
    void pipelineChangesAreAuditedWithTheStagesBeforeAndAfter() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        UUID pipeline = api.createPipeline();
        Map<String, Object> renamed = new java.util.HashMap<>(PipelineTestApi.pipelineBody("Run-rate sales", "PL-" + UUID.randomUUID()));
        api.ok(api.put(TestTokens.admin(), "/api/pipelines/" + pipeline, "\"0\"", renamed));
        api.problem(api.put(TestTokens.admin(), "/api/pipelines/" + pipeline, "\"0\"", renamed), 412, "precondition-failed");

        JsonNode trail = api.ok(api.get(TestTokens.rep(UUID.randomUUID()), "/api/pipelines/" + pipeline + "/audit"));
        assertThat(actions(trail)).as("the stale update left nothing").containsExactly("UPDATE", "CREATE");
        JsonNode update = trail.path("items").get(0);
        assertThat(update.path("before").path("name").asString()).startsWith("Sales ");
        assertThat(update.path("after").path("name").asString()).isEqualTo("Run-rate sales");
        assertThat(update.path("after").path("stages")).hasSize(5);
        assertThat(update.path("after").path("stages").get(2).path("probability").asInt()).isEqualTo(70);
        api.problem(api.get(TestTokens.admin(), "/api/pipelines/" + UUID.randomUUID() + "/audit"), 404, "not-found");
    }

    @Test
    void poolRuleChangesAreAudited() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        String admin = TestTokens.admin();
        JsonNode current = api.ok(api.get(admin, "/api/accounts/pool/rules"));
        String etag = client.get().uri("/api/accounts/pool/rules").header("Authorization", "Bearer " + admin).exchange()
                .returnResult(String.class).getResponseHeaders().getETag();
        int claims = current.path("claimsPerRepPerDay").asInt();
        Map<String, Object> changed = Map.of("claimsPerRepPerDay", claims + 1,
                "reclaimCooldownDays", current.path("reclaimCooldownDays").asInt(),
                "recycleAfterDays", current.path("recycleAfterDays").asInt());
        api.ok(api.put(admin, "/api/accounts/pool/rules", etag, changed));
        api.problem(api.put(TestTokens.rep(UUID.randomUUID()), "/api/accounts/pool/rules", etag, changed), 403, "forbidden");
        // put the rules back as they were, for the other tests of this database
        String next = client.get().uri("/api/accounts/pool/rules").header("Authorization", "Bearer " + admin).exchange()
                .returnResult(String.class).getResponseHeaders().getETag();
        api.ok(api.put(admin, "/api/accounts/pool/rules", next, Map.of("claimsPerRepPerDay", claims,
                "reclaimCooldownDays", current.path("reclaimCooldownDays").asInt(),
                "recycleAfterDays", current.path("recycleAfterDays").asInt())));

        JsonNode trail = api.ok(api.get(admin, "/api/accounts/pool/rules/audit?size=2"));
        assertThat(actions(trail)).containsExactly("UPDATE", "UPDATE");
        JsonNode raised = trail.path("items").get(1);
        assertThat(raised.path("before").path("claimsPerRepPerDay").asInt()).isEqualTo(claims);
        assertThat(raised.path("after").path("claimsPerRepPerDay").asInt()).isEqualTo(claims + 1);
        assertThat(trail.path("items").get(0).path("after").path("claimsPerRepPerDay").asInt()).isEqualTo(claims);
    }

    @Test
    void fxRatesSetAndCorrectedAreAuditedPerCurrency() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        // NOK is used by no other test
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/NOK/2026-01-05", null, Map.of("rate", "0.65")));
        api.ok(api.put(TestTokens.director(UUID.randomUUID()), "/api/fx-rates/NOK/2026-01-05", null, Map.of("rate", "0.66")));
        api.problem(api.put(TestTokens.admin(), "/api/fx-rates/NOK/2026-01-06", null, Map.of("rate", "-1")), 400, "validation-failed");

        JsonNode trail = api.ok(api.get(TestTokens.admin(), "/api/fx-rates/NOK/audit"));
        assertThat(actions(trail)).as("the refused rate left nothing").containsExactly("CORRECT_RATE", "SET_RATE");
        JsonNode corrected = trail.path("items").get(0);
        assertThat(corrected.path("before").path("rate").decimalValue()).isEqualByComparingTo("0.65");
        assertThat(corrected.path("after").path("rate").decimalValue()).isEqualByComparingTo("0.66");
        assertThat(corrected.path("after").path("rateDate").asString()).isEqualTo("2026-01-05");
        api.problem(api.get(TestTokens.admin(), "/api/fx-rates/NOPE/audit"), 400, "validation-failed");
    }

    @Test
    void aLoggedActivityIsOnItsOpportunitysTrail() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        OrgFixture org = new OrgFixture(brokers, db);
        UUID rep = org.rep();
        String token = TestTokens.rep(rep);
        UUID id = UUID.fromString(api.createOpportunity(token, api.createAccount(rep, "EAST", "ENTERPRISE"), api.createPipeline(),
                "1000.00", "CNY", null).path("id").asString());
        api.ok(api.post(token, "/api/opportunities/" + id + "/activities", Map.of("kind", "DEMO", "subject", "Product demo",
                "cost", Map.of("amount", "300.00", "currency", "CNY"))));

        JsonNode trail = api.ok(api.get(token, "/api/opportunities/" + id + "/audit"));
        assertThat(actions(trail)).containsExactly("ADD_ACTIVITY", "CREATE");
        JsonNode logged = trail.path("items").get(0).path("after");
        assertThat(logged.path("kind").asString()).isEqualTo("DEMO");
        assertThat(logged.path("costAmount").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(logged.path("reportingCostAmount").decimalValue()).isEqualByComparingTo("300.00");
    }
}
