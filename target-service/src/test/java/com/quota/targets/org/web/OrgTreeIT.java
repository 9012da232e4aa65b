package com.quota.targets.org.web;

import com.quota.targets.AbstractTargetServiceIT;
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

/**
 * The org tree owned by target-service: idempotent PUTs with client-chosen ids, OrgUnitChanged/RepChanged (full state,
 * valid against event-contracts) emitted once per real change, back-dated moves, cycles and overlaps refused with
 * nothing written, dated tree questions, scope, audit.
 */
class OrgTreeIT extends AbstractTargetServiceIT {

    private static final String PROBLEMS = "https://quota.example/problems/";

    @Autowired
    DatabaseClient db;

    private OutboxEvents outbox;
    private final UUID company = UUID.randomUUID();
    private final UUID east = UUID.randomUUID();
    private final UUID shanghai = UUID.randomUUID();
    private final UUID hangzhou = UUID.randomUUID();
    private final UUID director = UUID.randomUUID();
    private final UUID shanghaiManager = UUID.randomUUID();
    private final UUID rep = UUID.randomUUID();

    @BeforeEach
    void tree() {
        outbox = new OutboxEvents(db);
        putUnit(company, unit("HQ-" + company, "COMPANY", null, director)).expectStatus().isCreated();
        putUnit(east, unit("EAST-" + east, "REGION", company, null)).expectStatus().isCreated();
        putUnit(shanghai, unit("SH-" + shanghai, "TEAM", east, shanghaiManager)).expectStatus().isCreated();
        putUnit(hangzhou, unit("HZ-" + hangzhou, "TEAM", east, null)).expectStatus().isCreated();
        putRep(director, person("dir-" + director, "DIRECTOR", company)).expectStatus().isCreated();
        putRep(shanghaiManager, person("mgr-" + shanghaiManager, "MANAGER", shanghai)).expectStatus().isCreated();
        putRep(rep, person("rep-" + rep, "REP", hangzhou)).expectStatus().isCreated();
    }

    @Test
    void aPutUnitIsIdempotentAndPublishesFullStateOncePerChange() {
        putUnit(shanghai, unit("SH-" + shanghai, "TEAM", east, shanghaiManager)).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"");
        assertThat(outbox.validPayloads("OrgUnitChanged", shanghai)).hasSize(1)
                .first().asString().contains("\"managerId\":\"" + shanghaiManager + "\"").contains("\"version\":1");

        Map<String, Object> renamed = unit("SH-" + shanghai, "TEAM", east, shanghaiManager);
        renamed.put("name", "Shanghai Team (renamed)");
        // restating needs no version, changing does: without If-Match the rename is 428 and changes nothing
        putUnit(shanghai, renamed).expectStatus().isEqualTo(428)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(outbox.validPayloads("OrgUnitChanged", shanghai)).hasSize(1);
        putUnit(shanghai, renamed, "\"1\"").expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectBody().jsonPath("$.name").isEqualTo("Shanghai Team (renamed)").jsonPath("$.version").isEqualTo(2);
        assertThat(outbox.validPayloads("OrgUnitChanged", shanghai)).hasSize(2);
    }

    @Test
    void aPutRepPublishesRepChangedWithItsMemberships() {
        client.get().uri("/api/org/reps/{id}", rep).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("rep-" + rep)
                .jsonPath("$.currentUnitId").isEqualTo(hangzhou.toString())
                .jsonPath("$.memberships.length()").isEqualTo(1);
        assertThat(outbox.validPayloads("RepChanged", rep)).hasSize(1);
        assertThat(outbox.validPayloads("RepChanged", shanghaiManager)).first().asString()
                .contains("\"managedUnitIds\":[\"" + shanghai + "\"]");
        putRep(rep, person("rep-" + rep, "REP", hangzhou)).expectStatus().isOk();
        assertThat(outbox.count("RepChanged", rep)).isEqualTo(1);
    }

    @Test
    void changingAPersonNeedsIfMatchAndAStaleOneIs412() {
        Map<String, Object> retitled = person("rep-" + rep, "REP", hangzhou);
        retitled.put("displayName", "Renamed rep");
        putRep(rep, retitled).expectStatus().isEqualTo(428)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.put().uri("/api/org/reps/{id}", rep).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .header(HttpHeaders.IF_MATCH, "\"9\"").contentType(MediaType.APPLICATION_JSON).bodyValue(retitled).exchange()
                .expectStatus().isEqualTo(412);
        assertThat(outbox.count("RepChanged", rep)).isEqualTo(1);
        client.put().uri("/api/org/reps/{id}", rep).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON).bodyValue(retitled).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.displayName").isEqualTo("Renamed rep");
        assertThat(outbox.count("RepChanged", rep)).isEqualTo(2);
    }

    @Test
    void aNewManagerPublishesTheManagerHistoryAndBothManagersManagedUnits() {
        Map<String, Object> newManager = unit("SH-" + shanghai, "TEAM", east, director);
        newManager.put("effectiveFrom", "2025-04-01");
        putUnit(shanghai, newManager, "\"1\"").expectStatus().isOk();

        String unitEvent = outbox.validPayloads("OrgUnitChanged", shanghai).get(1);
        assertThat(unitEvent).contains("\"managerId\":\"" + director + "\"")
                .contains("\"managerHistory\":[{\"repId\":\"" + shanghaiManager + "\",\"validTo\":\"2025-03-31\",\"validFrom\":\"2024-01-01\"}")
                .contains("{\"repId\":\"" + director + "\",\"validTo\":null,\"validFrom\":\"2025-04-01\"}]");
        // the manager who left and the one who came each publish their new managed units, with a new version
        assertThat(outbox.validPayloads("RepChanged", shanghaiManager)).hasSize(2).last().asString()
                .contains("\"managedUnitIds\":[]").contains("\"version\":2");
        assertThat(outbox.validPayloads("RepChanged", director)).hasSize(2).last().asString()
                .contains(shanghai.toString()).contains(company.toString()).contains("\"version\":2");
        assertThat(outbox.count("RepChanged", rep)).isEqualTo(1);

        // the same PUT again changes nothing and sends nothing
        putUnit(shanghai, newManager).expectStatus().isOk();
        assertThat(outbox.count("RepChanged", shanghaiManager)).isEqualTo(2);
        assertThat(outbox.count("OrgUnitChanged", shanghai)).isEqualTo(2);
    }

    @Test
    void aBackDatedMoveChangesTheTreeFromThatDay() {
        client.post().uri("/api/org/reps/{id}/moves", rep).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", shanghai, "effectiveFrom", "2025-07-01", "reason", "transfer"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.memberships.length()").isEqualTo(2)
                .jsonPath("$.memberships[0].validTo").isEqualTo("2025-06-30")
                .jsonPath("$.currentUnitId").isEqualTo(shanghai.toString());

        subtreeReps(shanghai, "2025-06-30").doesNotContain(rep.toString());
        subtreeReps(shanghai, "2025-07-01").contains(rep.toString());
        subtreeReps(hangzhou, "2025-06-30").contains(rep.toString());
        client.get().uri("/api/org/reps/{id}/managers?asOf=2025-07-01", rep)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.ids[0]").isEqualTo(shanghaiManager.toString());
        assertThat(outbox.validPayloads("RepChanged", rep)).hasSize(2);
    }

    @Test
    void aMoveThatWouldOverlapALaterMembershipIs422AndWritesNothing() {
        move(rep, shanghai, "2025-07-01").expectStatus().isOk();
        int events = outbox.count("RepChanged", rep);

        move(rep, east, "2025-01-01").expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "overlapping-periods");
        assertThat(outbox.count("RepChanged", rep)).isEqualTo(events);
    }

    @Test
    void aCycleInTheTreeIs422AndWritesNothing() {
        putUnit(east, unit("EAST-" + east, "REGION", shanghai, null)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "cycle-in-tree");
        client.get().uri("/api/org/units/{id}", east).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .exchange().expectBody().jsonPath("$.parentId").isEqualTo(company.toString()).jsonPath("$.version").isEqualTo(1);
        assertThat(outbox.count("OrgUnitChanged", east)).isEqualTo(1);
    }

    @Test
    void anUnknownUnitOrParentIs422() {
        putRep(UUID.randomUUID(), person("x-" + UUID.randomUUID(), "REP", UUID.randomUUID())).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unknown-unit");
        putUnit(UUID.randomUUID(), unit("T-" + UUID.randomUUID(), "TEAM", UUID.randomUUID(), null)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unknown-parent");
    }

    @Test
    void missingAndInvalidFieldsAre400() {
        UUID id = UUID.randomUUID();
        putUnit(id, Map.of("name", "No code", "type", "GALAXY")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2);
        putUnit(id, unit("X", "TEAM", null, null)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-parent");
        assertThat(outbox.count("OrgUnitChanged", id)).isZero();
    }

    @Test
    void aStaleIfMatchIs412() {
        client.put().uri("/api/org/units/{id}", hangzhou).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .header(HttpHeaders.IF_MATCH, "\"7\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(unit("HZ2-" + hangzhou, "TEAM", east, null)).exchange()
                .expectStatus().isEqualTo(412).expectBody().jsonPath("$.currentVersion").isEqualTo(1);
    }

    @Test
    void deactivationEndsTheMembershipAndPublishesInactive() {
        client.post().uri("/api/org/reps/{id}/deactivation", rep).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("lastDay", "2025-12-31", "reason", "left"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("INACTIVE").jsonPath("$.memberships[0].validTo").isEqualTo("2025-12-31");
        assertThat(outbox.validPayloads("RepChanged", rep)).last().asString().contains("\"status\":\"INACTIVE\"");
        client.post().uri("/api/org/units/{id}/deactivation", east).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("lastDay", "2025-12-31"))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unit-has-children");
    }

    @Test
    void aManagerSeesTheirSubtreeAndNothingElse() {
        String manager = bearer(TestTokens.manager(shanghaiManager));
        client.get().uri("/api/org/units/{id}/subtree", shanghai).header(HttpHeaders.AUTHORIZATION, manager)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.units[0].id").isEqualTo(shanghai.toString());
        client.get().uri("/api/org/units/{id}", hangzhou).header(HttpHeaders.AUTHORIZATION, manager)
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "not-found");
        client.get().uri("/api/org/reps/{id}", rep).header(HttpHeaders.AUTHORIZATION, manager)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aRepSeesThemselfOnlyAndMayNotChangeTheTree() {
        String token = bearer(TestTokens.rep(rep));
        client.get().uri("/api/org/reps/{id}", rep).header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isOk();
        client.get().uri("/api/org/reps/{id}", shanghaiManager).header(HttpHeaders.AUTHORIZATION, token)
                .exchange().expectStatus().isNotFound();
        client.put().uri("/api/org/units/{id}", hangzhou).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(unit("HZ-" + hangzhou, "TEAM", east, rep))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
    }

    @Test
    void directorsSeeEverythingAndIntegrationsNeedTheirScope() {
        client.get().uri("/api/org/units/{id}/ancestors", shanghai).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.director(director)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.ids").isEqualTo(List.of(east.toString(), company.toString()));
        client.get().uri("/api/org/units/{id}", shanghai).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.integration("crm", "org.read")))
                .exchange().expectStatus().isOk();
        client.get().uri("/api/org/units/{id}", shanghai).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.integration("crm", "accounts.read")))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void everyChangeIsInTheAuditTrail() {
        move(rep, shanghai, "2025-07-01").expectStatus().isOk();
        client.get().uri("/api/org/reps/{id}/audit", rep).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.page.totalElements").isEqualTo(2)
                .jsonPath("$.items[0].action").isEqualTo("rep.moved")
                .jsonPath("$.items[0].actor").isEqualTo("admin")
                .jsonPath("$.items[1].action").isEqualTo("rep.created");
    }

    private WebTestClient.ResponseSpec putUnit(UUID id, Map<String, Object> body) {
        return client.put().uri("/api/org/units/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec putUnit(UUID id, Map<String, Object> body, String ifMatch) {
        return client.put().uri("/api/org/units/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .header(HttpHeaders.IF_MATCH, ifMatch).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec putRep(UUID id, Map<String, Object> body) {
        return client.put().uri("/api/org/reps/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec move(UUID id, UUID unitId, String from) {
        return client.post().uri("/api/org/reps/{id}/moves", id).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", unitId, "effectiveFrom", from)).exchange();
    }

    private org.assertj.core.api.AbstractStringAssert<?> subtreeReps(UUID unit, String asOf) {
        String body = client.get().uri("/api/org/units/{id}/subtree?asOf=" + asOf, unit)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return assertThat(body.substring(body.indexOf("\"reps\"")));
    }

    private static Map<String, Object> unit(String code, String type, UUID parentId, UUID managerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "Unit " + code);
        body.put("type", type);
        body.put("parentId", parentId);
        body.put("managerId", managerId);
        body.put("validFrom", "2024-01-01");
        return body;
    }

    private static Map<String, Object> person(String username, String role, UUID unitId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", "Person " + username);
        body.put("role", role);
        body.put("unitId", unitId);
        body.put("title", "Account Executive");
        body.put("validFrom", "2024-03-01");
        return body;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
