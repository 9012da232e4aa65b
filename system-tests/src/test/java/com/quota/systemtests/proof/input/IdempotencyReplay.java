package com.quota.systemtests.proof.input;

import com.quota.systemtests.Http;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replays one create with the same {@code Idempotency-Key}: a pipeline (pipeline-service) is created once, the
 * retry answers the first result, and another body under the same key is refused; the rows are counted in the
 * service's database.
 */
final class IdempotencyReplay {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IdempotencyReplay() {
    }

    static BadInputVerdicts.Replay run(URI gateway, String adminToken, String pipelineJdbcUrl) {
        String key = UUID.randomUUID().toString();
        String run = key.substring(0, 8);
        long rowsBefore = pipelines(pipelineJdbcUrl);
        HttpResponse<String> first = post(gateway, adminToken, key, body(run, "Proof replay " + run));
        HttpResponse<String> replay = post(gateway, adminToken, key, body(run, "Proof replay " + run));
        long rowsAfter = pipelines(pipelineJdbcUrl);
        HttpResponse<String> other = post(gateway, adminToken, key, body(run + "-other", "Another body " + run));
        boolean sameId = first.statusCode() == 201 && replay.statusCode() == 201
                && Http.json(first).path("id").asString("a").equals(Http.json(replay).path("id").asString("b"));
        return new BadInputVerdicts.Replay(first.statusCode(), replay.statusCode(), sameId, rowsAfter - rowsBefore,
                other.statusCode(), Http.contentType(other).startsWith("application/problem+json"));
    }

    private static Map<String, Object> body(String ref, String name) {
        return Map.of("externalRef", "PROOF-REPLAY-" + ref, "name", name, "stages", List.of(
                stage("QUALIFICATION", 25, "PIPELINE", 21, null), stage("WON", 100, "COMMIT", 0, "WON"),
                stage("LOST", 0, "OMITTED", 0, "LOST")));
    }

    private static Map<String, Object> stage(String code, int probability, String category, int days, String closedAs) {
        Map<String, Object> stage = new java.util.LinkedHashMap<>(Map.of("code", code, "name", code, "probability", probability,
                "forecastCategory", category, "expectedDays", days));
        if (closedAs != null) {
            stage.put("closedAs", closedAs);
        }
        return stage;
    }

    private static HttpResponse<String> post(URI gateway, String token, String key, Object body) {
        return Http.send(HttpRequest.newBuilder(gateway.resolve("/api/pipelines")).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static long pipelines(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from pipeline")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count pipelines", e);
        }
    }
}
