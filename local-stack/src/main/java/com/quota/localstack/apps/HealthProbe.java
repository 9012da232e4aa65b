package com.quota.localstack.apps;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks an app's {@code /actuator/health} whether it is UP. */
public final class HealthProbe {

    /** What the health endpoint said. */
    public enum Health { UP, DOWN, UNREACHABLE }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** UP when the app answers {@code {"status":"UP"}}; DOWN for any other answer; UNREACHABLE without one. */
    public Health check(URI baseUri) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/actuator/health")).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return isUp(response.statusCode(), response.body()) ? Health.UP : Health.DOWN;
        } catch (IOException e) {
            return Health.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.UNREACHABLE;
        }
    }

    static boolean isUp(int status, String body) {
        if (status != 200 || body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode health = JSON.readTree(body);
            return "UP".equals(health.path("status").asString(""));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
