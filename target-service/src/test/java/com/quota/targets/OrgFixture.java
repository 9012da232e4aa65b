package com.quota.targets;

import com.quota.testsupport.security.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A small company built through the org API with fresh ids: company → region → two teams; a director, a manager of
 * team A, two reps in team A and one in team B.
 */
public final class OrgFixture {

    public final UUID company = UUID.randomUUID();
    public final UUID region = UUID.randomUUID();
    public final UUID teamA = UUID.randomUUID();
    public final UUID teamB = UUID.randomUUID();
    public final UUID director = UUID.randomUUID();
    public final UUID managerA = UUID.randomUUID();
    public final UUID repA1 = UUID.randomUUID();
    public final UUID repA2 = UUID.randomUUID();
    public final UUID repB1 = UUID.randomUUID();

    public OrgFixture(WebTestClient client) {
        unit(client, company, "COMPANY", null, director);
        unit(client, region, "REGION", company, null);
        unit(client, teamA, "TEAM", region, managerA);
        unit(client, teamB, "TEAM", region, null);
        rep(client, director, "DIRECTOR", company);
        rep(client, managerA, "MANAGER", teamA);
        rep(client, repA1, "REP", teamA);
        rep(client, repA2, "REP", teamA);
        rep(client, repB1, "REP", teamB);
    }

    private static void unit(WebTestClient client, UUID id, String type, UUID parent, UUID manager) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", type + "-" + id);
        body.put("name", type + " " + id);
        body.put("type", type);
        body.put("parentId", parent);
        body.put("managerId", manager);
        body.put("validFrom", "2024-01-01");
        client.put().uri("/api/org/units/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated();
    }

    private static void rep(WebTestClient client, UUID id, String role, UUID unit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", role.toLowerCase() + "-" + id);
        body.put("displayName", role + " " + id);
        body.put("role", role);
        body.put("unitId", unit);
        body.put("validFrom", "2024-01-01");
        client.put().uri("/api/org/reps/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated();
    }
}
