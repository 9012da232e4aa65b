package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Pipelines with ordered stages (several, changed without rewriting history) and the FX rate table. */
class PipelineAndFxRateIT extends AbstractPipelineServiceIT {

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

    @Test
    void aPipelineIsCreatedReadListedByExternalRefAndRefusedTwice() {
        String ref = "PL-" + UUID.randomUUID();
        JsonNode created = api.ok(api.post(TestTokens.director(UUID.randomUUID()), "/api/pipelines",
                PipelineTestApi.pipelineBody("Project sales", ref)));
        assertThat(created.path("stages")).extracting(s -> s.path("code").asString()).containsExactly("P1", "P2", "P3", "WON", "LOST");
        String id = created.path("id").asString();
        JsonNode read = api.ok(api.get(TestTokens.rep(UUID.randomUUID()), "/api/pipelines/" + id));
        assertThat(read.path("stages").get(1).path("conversionRate").decimalValue()).isEqualByComparingTo("75");
        JsonNode listed = api.ok(api.get(TestTokens.rep(UUID.randomUUID()), "/api/pipelines?externalRef=" + ref));
        assertThat(listed.path("items").get(0).path("id").asString()).isEqualTo(id);
        api.problem(api.post(TestTokens.admin(), "/api/pipelines", PipelineTestApi.pipelineBody("Again", ref)), 409, "duplicate");
    }

    @Test
    void onlyAdminsAndDirectorsConfigurePipelinesAndABadDefinitionWritesNothing() {
        api.problem(api.post(TestTokens.rep(UUID.randomUUID()), "/api/pipelines",
                PipelineTestApi.pipelineBody("Mine", "PL-" + UUID.randomUUID())), 403, "forbidden");
        Map<String, Object> noWon = new java.util.HashMap<>(PipelineTestApi.pipelineBody("No won", "PL-" + UUID.randomUUID()));
        List<Object> stages = new ArrayList<>((List<?>) noWon.get("stages"));
        stages.remove(3);
        noWon.put("stages", stages);
        long before = db.sql("SELECT count(*) AS n FROM pipeline").map(r -> r.get("n", Long.class)).one().block();
        JsonNode problem = api.problem(api.post(TestTokens.admin(), "/api/pipelines", noWon), 400, "validation-failed");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("stages");
        api.problem(api.post(TestTokens.admin(), "/api/pipelines", Map.of("name", "x", "stages", List.of(Map.of(
                "code", "A", "name", "A", "probability", 101, "forecastCategory", "PIPELINE", "expectedDays", 1)))),
                400, "validation-failed");
        long after = db.sql("SELECT count(*) AS n FROM pipeline").map(r -> r.get("n", Long.class)).one().block();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void changingAPipelineKeepsStageIdsAndNeverRewritesStageHistory() {
        UUID pipeline = api.createPipeline();
        UUID rep = org.rep();
        UUID account = api.createAccount(rep, "EAST", "SMB");
        UUID deal = UUID.fromString(api.createOpportunity(TestTokens.rep(rep), account, pipeline, "100.00", "CNY", null)
                .path("id").asString());
        Map<String, Object> renamed = new java.util.HashMap<>(PipelineTestApi.pipelineBody("Renamed", "ignored"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = new ArrayList<>((List<Map<String, Object>>) renamed.get("stages"));
        Map<String, Object> first = new java.util.HashMap<>(stages.get(0));
        first.put("name", "Discovery");
        first.put("probability", 15);
        stages.set(0, first);
        renamed.put("stages", stages);

        api.problem(api.put(TestTokens.admin(), "/api/pipelines/" + pipeline, null, renamed), 428, "precondition-required");
        api.problem(api.put(TestTokens.admin(), "/api/pipelines/" + pipeline, "\"5\"", renamed), 412, "precondition-failed");
        JsonNode updated = api.ok(api.put(TestTokens.admin(), "/api/pipelines/" + pipeline, "\"0\"", renamed));
        assertThat(updated.path("version").asLong()).isEqualTo(1);
        assertThat(updated.path("stages").get(0).path("name").asString()).isEqualTo("Discovery");

        JsonNode history = api.ok(api.get(TestTokens.rep(rep), "/api/opportunities/" + deal + "/stage-history"));
        assertThat(history.path("items").get(0).path("name").asString()).as("history keeps what the stage was").isEqualTo("Qualification");
        assertThat(history.path("items").get(0).path("probability").asInt()).isEqualTo(10);
        assertThat(history.path("items").get(0).path("stageId").asString()).isEqualTo(updated.path("stages").get(0).path("id").asString());
        JsonNode current = api.ok(api.get(TestTokens.rep(rep), "/api/opportunities/" + deal));
        assertThat(current.path("stage").path("name").asString()).isEqualTo("Discovery");

        // a stage with deals in it cannot be removed
        stages.remove(0);
        renamed.put("stages", stages);
        api.problem(api.put(TestTokens.admin(), "/api/pipelines/" + pipeline, "\"1\"", renamed), 409, "stage-in-use");
    }

    @Test
    void ratesAreSetByDateAndTheRateInForceIsTheLatestOnOrBefore() {
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/JPY/2026-01-01", null, Map.of("rate", "0.0475")));
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/JPY/2026-02-01", null, Map.of("rate", "0.048")));
        JsonNode corrected = api.ok(api.put(TestTokens.admin(), "/api/fx-rates/JPY/2026-02-01", null, Map.of("rate", "0.0481")));
        assertThat(corrected.path("rate").asString()).isEqualTo("0.0481");
        JsonNode list = api.ok(api.get(TestTokens.rep(UUID.randomUUID()), "/api/fx-rates?currency=JPY"));
        assertThat(list.path("items")).extracting(i -> i.path("rate").asString()).containsExactly("0.0481", "0.0475");

        api.problem(api.put(TestTokens.rep(UUID.randomUUID()), "/api/fx-rates/JPY/2026-03-01", null, Map.of("rate", "1")), 403, "forbidden");
        api.problem(api.put(TestTokens.admin(), "/api/fx-rates/JPX/2026-03-01", null, Map.of("rate", "1")), 400, "validation-failed");
        api.problem(api.put(TestTokens.admin(), "/api/fx-rates/JPY/2026-03-01", null, Map.of("rate", "-1")), 400, "validation-failed");
        api.problem(api.put(TestTokens.admin(), "/api/fx-rates/CNY/2026-03-01", null, Map.of("rate", "2")), 422, "fx-rate-invalid");
        api.ok(api.put(TestTokens.integration("erp", "fx-rates.write"), "/api/fx-rates/JPY/2026-03-01", null, Map.of("rate", "0.049")));
    }
}
