package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.quota.pipeline.api.PipelineTestApi.owner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Bad input" list where the other tests did not reach: each is a specific problem+json and leaves the
 * deal as it was (version, owners, ownership history, audit trail) with no event emitted.
 */
class BadInputIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    private long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void refusedChangesToAnExistingDealChangeNothingAndEmitNothing() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        OrgFixture org = new OrgFixture(brokers, db);
        UUID rep = org.rep();
        UUID colleague = org.rep();
        UUID account = api.createAccount(rep, "EAST", "ENTERPRISE");
        UUID pipeline = api.createPipeline();
        String token = TestTokens.director(UUID.randomUUID());
        UUID id = UUID.fromString(api.createOpportunity(TestTokens.rep(rep), account, pipeline, "1000.00", "CNY", null)
                .path("id").asString());
        String path = "/api/opportunities/" + id;

        JsonNode splits = api.problem(api.put(token, path + "/owners", "\"0\"", Map.of("reason", "shared",
                "owners", List.of(owner(rep, "50", true), owner(colleague, "40", false)))), 422, "splits-invalid");
        assertThat(splits.path("detail").asString()).contains("sum to 100");
        api.problem(api.put(token, path + "/owners", "\"0\"", Map.of("reason", "shared",
                "owners", List.of(owner(rep, "50", true), owner(colleague, "50", true)))), 422, "owners-invalid");
        api.problem(api.put(token, path + "/owners", "\"0\"", Map.of("reason", "shared",
                "owners", List.of(owner(rep, "100", true), owner(rep, "0.01", false)))), 422, "owners-invalid");
        api.problem(api.put(token, path + "/owners", null, Map.of("reason", "shared",
                "owners", List.of(owner(rep, "60", true), owner(colleague, "40", false)))), 428, "precondition-required");
        JsonNode unknownRep = api.problem(api.post(token, path + "/transfer", Map.of("toRepId", UUID.randomUUID(),
                "reason", "territory")), 422, "not-yet-known-here");
        assertThat(unknownRep.path("title").asString()).contains("not yet known here");
        api.problem(api.post(token, path + "/transfer", Map.of("toRepId", colleague)), 400, "validation-failed");
        api.problem(api.post(token, path + "/advance", Map.of("stage", "NOPE")), 422, "stage-unknown");
        api.problem(api.put(token, path, "\"0\"", Map.of("amount", "0")), 400, "validation-failed");
        api.problem(api.put(token, path, "\"0\"", Map.of("amount", "-5.00")), 400, "validation-failed");
        api.problem(api.put(token, path, "\"3\"", Map.of("title", "Stale")), 412, "precondition-failed");
        api.problem(api.post(token, path + "/reopen", Map.of("reason", "x")), 409, "transition-not-allowed");
        api.problem(api.post(token, path + "/archive", null), 409, "transition-not-allowed");

        JsonNode still = api.ok(api.get(token, path));
        assertThat(still.path("version").asLong()).isZero();
        assertThat(still.path("amount").path("amount").asString()).isEqualTo("1000.00");
        assertThat(count("SELECT count(*) AS n FROM opportunity_owner WHERE opportunity_id = :id", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM opportunity_ownership_history WHERE opportunity_id = :id", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM opportunity_stage_history WHERE opportunity_id = :id", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM audit_entry WHERE entity_id = :id", id)).as("only the create").isEqualTo(1);
        assertThat(api.eventCount(id)).as("only OpportunityCreated").isEqualTo(1);
    }

    @Test
    void aCreateWithAnUnknownPipelineOrRepOrANegativeAmountWritesNothing() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        UUID rep = new OrgFixture(brokers, db).rep();
        UUID account = api.createAccount(rep, "EAST", "ENTERPRISE");
        UUID pipeline = api.createPipeline();
        String director = TestTokens.director(UUID.randomUUID());
        long before = db.sql("SELECT count(*) AS n FROM opportunity").map(r -> r.get("n", Long.class)).one().block();

        api.problem(api.post(director, "/api/opportunities", PipelineTestApi.opportunityBody(account, UUID.randomUUID(),
                "10.00", "CNY", List.of(owner(rep, "100", true)))), 422, "pipeline-unknown");
        api.problem(api.post(director, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "10.00", "CNY", List.of(owner(UUID.randomUUID(), "100", true)))), 422, "not-yet-known-here");
        api.problem(api.post(director, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "-10.00", "CNY", List.of(owner(rep, "100", true)))), 400, "validation-failed");
        Map<String, Object> noAmount = new HashMap<>(PipelineTestApi.opportunityBody(account, pipeline, "10.00", "CNY",
                List.of(owner(rep, "100", true))));
        noAmount.remove("amount");
        api.problem(api.post(director, "/api/opportunities", noAmount), 400, "validation-failed");

        long after = db.sql("SELECT count(*) AS n FROM opportunity").map(r -> r.get("n", Long.class)).one().block();
        assertThat(after).isEqualTo(before);
    }
}
