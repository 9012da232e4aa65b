package com.quota.pipeline.api;

import com.quota.eventcontracts.EventSchemas;
import com.quota.testsupport.security.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls of pipeline-service's API for integration tests, and reads of what it wrote to its outbox. */
public final class PipelineTestApi {

    public static final String PROBLEMS = "https://quota.example/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient client;
    private final DatabaseClient db;

    public PipelineTestApi(WebTestClient client, DatabaseClient db) {
        this.client = client;
        this.db = db;
    }

    public WebTestClient.ResponseSpec post(String token, String path, Object body) {
        WebTestClient.RequestBodySpec spec = client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec put(String token, String path, String ifMatch, Object body) {
        WebTestClient.RequestBodySpec spec = client.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return spec.bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec get(String token, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    public JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    public JsonNode ok(WebTestClient.ResponseSpec response) {
        return json(response.expectStatus().is2xxSuccessful());
    }

    /** Asserts a problem+json answer with this status and type. */
    public JsonNode problem(WebTestClient.ResponseSpec response, int status, String type) {
        JsonNode body = json(response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        org.assertj.core.api.Assertions.assertThat(body.path("type").asString()).as(body.toString()).isEqualTo(PROBLEMS + type);
        return body;
    }

    /** The sales pipeline of these tests: P1 → P2 → P3 (conversion 40/75/60), WON, LOST. */
    public static Map<String, Object> pipelineBody(String name, String externalRef) {
        return Map.of("name", name, "externalRef", externalRef, "stages", List.of(
                stage("P1", "Qualification", 10, "PIPELINE", 10, "40", null),
                stage("P2", "Proposal", 40, "BEST_CASE", 20, "75", null),
                stage("P3", "Negotiation", 70, "COMMIT", 30, "60", null),
                stage("WON", "Closed won", 100, "COMMIT", 0, null, "WON"),
                stage("LOST", "Closed lost", 0, "OMITTED", 0, null, "LOST")));
    }

    static Map<String, Object> stage(String code, String name, int probability, String category, int days, String rate,
                                     String closedAs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("probability", probability);
        m.put("forecastCategory", category);
        m.put("expectedDays", days);
        if (rate != null) {
            m.put("conversionRate", rate);
        }
        if (closedAs != null) {
            m.put("closedAs", closedAs);
        }
        return m;
    }

    public UUID createPipeline() {
        return UUID.fromString(ok(post(TestTokens.admin(), "/api/pipelines",
                pipelineBody("Sales " + UUID.randomUUID(), "PL-" + UUID.randomUUID()))).path("id").asString());
    }

    public UUID createAccount(UUID ownerRepId, String region, String segment) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", "Account " + UUID.randomUUID());
        body.put("region", region);
        body.put("segment", segment);
        body.put("industry", "PHARMA");
        if (ownerRepId != null) {
            body.put("ownerRepId", ownerRepId);
        }
        return UUID.fromString(ok(post(TestTokens.admin(), "/api/accounts", body)).path("id").asString());
    }

    public static Map<String, Object> opportunityBody(UUID accountId, UUID pipelineId, String amount, String currency,
                                                      List<Map<String, Object>> owners) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("accountId", accountId);
        body.put("pipelineId", pipelineId);
        body.put("title", "Deal " + UUID.randomUUID());
        body.put("amount", Map.of("amount", amount, "currency", currency));
        body.put("expectedCloseDate", "2026-12-15");
        body.put("productLine", "ANALYZERS");
        body.put("region", "EAST");
        body.put("channel", "DIRECT");
        body.put("customerSegment", "ENTERPRISE");
        if (owners != null) {
            body.put("owners", owners);
        }
        return body;
    }

    public static Map<String, Object> owner(UUID repId, String split, boolean primary) {
        return Map.of("repId", repId, "splitPercent", split, "primary", primary);
    }

    public JsonNode createOpportunity(String token, UUID accountId, UUID pipelineId, String amount, String currency,
                                      List<Map<String, Object>> owners) {
        return ok(post(token, "/api/opportunities", opportunityBody(accountId, pipelineId, amount, currency, owners)));
    }

    /** The events written for an aggregate, oldest first, each checked against its event-contracts schema. */
    public List<JsonNode> events(UUID aggregateId) {
        List<Map<String, Object>> rows = db.sql("SELECT event_type, payload::text AS payload FROM outbox_event WHERE aggregate_id = :id ORDER BY position")
                .bind("id", aggregateId.toString()).fetch().all().collectList().block();
        return rows.stream().map(row -> {
            String type = (String) row.get("event_type");
            String payload = (String) row.get("payload");
            EventSchemas.assertValid(type, payload);
            JsonNode node = JSON.readTree(payload);
            return (JsonNode) ((tools.jackson.databind.node.ObjectNode) node).put("_eventType", type);
        }).toList();
    }

    public long eventCount(UUID aggregateId) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE aggregate_id = :id").bind("id", aggregateId.toString())
                .map(r -> r.get("n", Long.class)).one().block();
    }
}
