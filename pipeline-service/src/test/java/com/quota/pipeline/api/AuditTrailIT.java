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
}
