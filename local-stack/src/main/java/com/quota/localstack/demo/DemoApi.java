package com.quota.localstack.demo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for the gateway's public API, used by the demo loader. */
final class DemoApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoApi(URI gateway) {
        this.gateway = gateway;
    }

    /** An HTTP answer; {@code json()} is an empty object when the body is not JSON. */
    record Response(int status, String body, Map<String, String> headers) {
        Response(int status, String body) {
            this(status, body, Map.of());
        }

        /** A response header by name, ignoring case; null when absent. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** The problem {@code type} of a problem+json answer, or "". */
        String problemType() {
            return json().path("type").asString("");
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (RuntimeException e) {
                return JSON.createObjectNode();
            }
        }

        /** The problem detail (or the start of the body) for a failure message. */
        String summary() {
            JsonNode json = json();
            String detail = json.path("detail").asString(json.path("title").asString(""));
            String text = detail.isBlank() ? (body == null ? "" : body.strip()) : detail;
            return "HTTP " + status + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }

    Response send(String method, String path, String bearer, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + bearer);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpRequest built = request.build();
        IOException lastProblem = null;
        // one retry without an answer: a cold gateway's first calls can be slow; creates carry an Idempotency-Key
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                Map<String, String> first = new java.util.LinkedHashMap<>();
                response.headers().map().forEach((name, values) -> {
                    if (!values.isEmpty()) {
                        first.put(name, values.get(0));
                    }
                });
                return new Response(response.statusCode(), response.body(), first);
            } catch (IOException e) {
                lastProblem = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Response(0, "interrupted");
            }
        }
        return new Response(0, "no answer from " + gateway + ": " + lastProblem.getMessage());
    }
}
