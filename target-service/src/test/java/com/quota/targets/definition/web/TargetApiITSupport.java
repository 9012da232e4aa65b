package com.quota.targets.definition.web;

import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.OrgFixture;
import com.quota.targets.OutboxEvents;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the target API integration tests: a fresh small company per test and the HTTP calls. */
abstract class TargetApiITSupport extends AbstractTargetServiceIT {

    static final String PROBLEMS = "https://quota.example/problems/";

    @Autowired
    DatabaseClient db;

    OrgFixture org;
    OutboxEvents outbox;

    @BeforeEach
    void company() {
        org = new OrgFixture(client);
        outbox = new OutboxEvents(db);
    }

    void publish(String token, String id, int version) {
        act(token, id, "submit", "\"" + version + "\"").expectStatus().isOk();
        act(token, id, "approve", "\"" + (version + 1) + "\"").expectStatus().isOk();
        act(token, id, "publish", "\"" + (version + 2) + "\"").expectStatus().isOk();
    }

    WebTestClient.ResponseSpec create(String token, Map<String, Object> body) {
        return post(token, "/api/targets", null, body);
    }

    WebTestClient.ResponseSpec act(String token, String id, String action, String ifMatch) {
        WebTestClient.RequestBodySpec spec = client.post().uri("/api/targets/" + id + "/" + action)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return spec.exchange();
    }

    WebTestClient.ResponseSpec post(String token, String path, String ifMatch, Object body) {
        WebTestClient.RequestBodySpec spec = client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return spec.bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec put(String token, String path, String ifMatch, Object body) {
        WebTestClient.RequestBodySpec spec = client.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return spec.bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String token, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    WebTestClient.ResponseSpec list(String token, String query) {
        return get(token, "/api/targets" + query);
    }

    static String id(WebTestClient.ResponseSpec created) {
        return created.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    static Map<String, Object> target(String ownerType, UUID ownerId, String annual) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("level", "TARGET");
        level.put("annual", annual);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", 2026);
        body.put("metric", "BOOKINGS");
        body.put("ownerType", ownerType);
        body.put("ownerId", ownerId);
        body.put("levels", new java.util.ArrayList<>(List.of(level)));
        return body;
    }
}
