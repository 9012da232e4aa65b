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

/**
 * Targets over HTTP: create (bad input refused with nothing written), scope, the lifecycle with its role rules and
 * If-Match, TargetPublished (valid against event-contracts) on every publish, versions with a reason and asOf, audit.
 */
class TargetLifecycleIT extends TargetApiITSupport {

    @Test
    void aCreatedTargetHasItsMonthsQuartersAndYear() {
        String id = create(TestTokens.director(org.director), target("UNIT", org.company, "1200000.00"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("DRAFT")
                .jsonPath("$.fiscalYear").isEqualTo("FY2026")
                .jsonPath("$.currency").isEqualTo("CNY")
                .jsonPath("$.levels[0].annual").isEqualTo("1200000.00")
                .jsonPath("$.levels[0].quarters[0].periodKey").isEqualTo("FY2026-Q1")
                .jsonPath("$.levels[0].quarters[0].amount").isEqualTo("300000.00")
                .jsonPath("$.levels[0].months[11].amount").isEqualTo("100000.00")
                .returnResult().getResponseHeaders().getLocation().getPath().replace("/api/targets/", "");
        get(TestTokens.admin(), "/api/targets/" + id).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
    }

    @Test
    void aTargetsAuditEntryCarriesTheRequestsTraceId() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = id(client.post().uri("/api/targets").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(org.director))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(target("UNIT", org.company, "1200000.00")).exchange());
        assertThat(db.sql("SELECT action, trace_id FROM audit_entry WHERE entity_id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get("action", String.class) + " " + row.get("trace_id", String.class)).all().collectList().block())
                .containsExactly("target.created " + traceId);
    }

    @Test
    void badInputIsRefusedWithNothingWritten() {
        String director = TestTokens.director(org.director);
        create(director, target("UNIT", org.company, "-5.00")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed");
        Map<String, Object> unknownMetric = target("UNIT", org.company, "5.00");
        unknownMetric.put("metric", "HAPPINESS");
        create(director, unknownMetric).expectStatus().isBadRequest();
        create(director, target("REP", UUID.randomUUID(), "5.00")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unknown-owner");
        Map<String, Object> badMonths = target("UNIT", org.region, "12.00");
        ((List<Map<String, Object>>) badMonths.get("levels")).get(0).put("months", List.of("1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "2"));
        create(director, badMonths).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "months-do-not-sum");
        Map<String, Object> tooFine = target("UNIT", org.region, "12.001");
        create(director, tooFine).expectStatus().isEqualTo(422);
        list(TestTokens.admin(), "?ownerId=" + org.company).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
        list(TestTokens.admin(), "?ownerId=" + org.region).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);

        create(director, target("UNIT", org.company, "5.00")).expectStatus().isCreated();
        create(director, target("UNIT", org.company, "6.00")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "duplicate");
    }

    @Test
    void aRepSeesAndCreatesOnlyTheirOwnTargets() {
        String rep = TestTokens.rep(org.repA1);
        create(rep, target("REP", org.repA1, "300000.00")).expectStatus().isCreated();
        create(rep, target("REP", org.repA2, "300000.00")).expectStatus().isNotFound();
        String other = id(create(TestTokens.admin(), target("REP", org.repB1, "100.00")));
        get(rep, "/api/targets/" + other).expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "not-found");
        list(rep, "?fiscalYear=2026").expectBody().jsonPath("$.page.totalElements").isEqualTo(1)
                .jsonPath("$.items[0].owner.id").isEqualTo(org.repA1.toString());
        list(TestTokens.manager(org.managerA), "?fiscalYear=2026&ownerType=REP").expectBody()
                .jsonPath("$.items.length()").isEqualTo(1);
        list(TestTokens.integration("crm", "targets.read"), "?ownerId=" + org.repB1).expectStatus().isOk()
                .expectBody().jsonPath("$.page.totalElements").isEqualTo(1);
        list(TestTokens.integration("crm", "accounts.read"), "").expectStatus().isForbidden();
    }

    @Test
    void aClientEditsADraftOnlyWithTargetsWrite() {
        String id = id(create(TestTokens.admin(), target("REP", org.repB1, "100.00")));
        Map<String, Object> amounts = Map.of("levels", List.of(Map.of("level", "TARGET", "annual", "250.00")));
        put(TestTokens.integration("crm", "targets.read"), "/api/targets/" + id + "/amounts", "\"1\"", amounts)
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
        get(TestTokens.admin(), "/api/targets/" + id).expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody().jsonPath("$.levels[0].annual").isEqualTo("100.00");
        put(TestTokens.integration("planning", "targets.write"), "/api/targets/" + id + "/amounts", "\"1\"", amounts)
                .expectStatus().isOk().expectBody().jsonPath("$.levels[0].annual").isEqualTo("250.00");
        // distributing a published target: 403 for a client without targets.write, before the state (409) is judged
        String published = id(create(TestTokens.admin(), target("REP", org.repA2, "120.00")));
        publish(TestTokens.admin(), published, 1);
        post(TestTokens.integration("crm", "targets.read"), "/api/targets/" + published + "/distribution", "\"4\"",
                Map.of("method", "EVEN")).expectStatus().isForbidden();
        post(TestTokens.integration("planning", "targets.read", "targets.write"), "/api/targets/" + published + "/distribution", "\"4\"",
                Map.of("method", "EVEN")).expectStatus().isEqualTo(409);
    }

    @Test
    void theLifecycleRunsToPublishedAndEmitsTargetPublished() {
        String director = TestTokens.director(org.director);
        String id = id(create(director, target("UNIT", org.company, "1200000.00")));

        act(director, id, "publish", "\"1\"").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "transition-not-allowed")
                .jsonPath("$.allowedTransitions").isEqualTo(List.of("EDIT", "SUBMIT"));
        act(director, id, "submit", null).expectStatus().isEqualTo(428);
        act(director, id, "submit", "\"9\"").expectStatus().isEqualTo(412);
        act(director, id, "submit", "\"1\"").expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        act(director, id, "approve", "\"2\"").expectStatus().isOk();
        assertThat(outbox.count("TargetPublished", id)).isZero();
        act(director, id, "publish", "\"3\"").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");

        List<String> published = outbox.validPayloads("TargetPublished", id);
        assertThat(published).hasSize(1).first().asString()
                .contains("\"version\":1").contains("\"fiscalYear\":\"FY2026\"").contains("\"annual\":{\"amount\":\"1200000.00\",\"currency\":\"CNY\"}");
    }

    @Test
    void roleRulesDecideWhoMovesATarget() {
        String rep = TestTokens.rep(org.repA1);
        String manager = TestTokens.manager(org.managerA);
        String own = id(create(rep, target("REP", org.repA1, "300000.00")));
        act(rep, own, "submit", "\"1\"").expectStatus().isOk();
        act(rep, own, "approve", "\"2\"").expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
        act(manager, own, "approve", "\"2\"").expectStatus().isOk();
        act(manager, own, "publish", "\"3\"").expectStatus().isForbidden();

        String team = id(create(manager, target("UNIT", org.teamA, "900000.00")));
        act(manager, team, "submit", "\"1\"").expectStatus().isOk();
        act(manager, team, "approve", "\"2\"").expectStatus().isForbidden();
        String otherTeam = id(create(TestTokens.admin(), target("UNIT", org.teamB, "900000.00")));
        act(manager, otherTeam, "submit", "\"1\"").expectStatus().isNotFound();
    }

    @Test
    void aPublishedTargetChangesOnlyByANewVersionWithAReasonAndAsOfAnswersTheVersionInForce() {
        String director = TestTokens.director(org.director);
        String id = id(create(director, target("UNIT", org.company, "1200000.00")));
        publish(director, id, 1);
        put(director, "/api/targets/" + id + "/amounts", "\"4\"", Map.of("levels", List.of(Map.of("level", "TARGET", "annual", "1.00"))))
                .expectStatus().isEqualTo(409);
        post(director, "/api/targets/" + id + "/revisions", "\"4\"", Map.of("effectiveFrom", "2026-04-01"))
                .expectStatus().isBadRequest();
        post(director, "/api/targets/" + id + "/revisions", "\"4\"", Map.of("reason", "East region reorganised", "effectiveFrom", "2026-04-01"))
                .expectStatus().isOk().expectBody().jsonPath("$.versionNumber").isEqualTo(2).jsonPath("$.status").isEqualTo("DRAFT");
        put(director, "/api/targets/" + id + "/amounts", "\"5\"", Map.of("levels", List.of(Map.of("level", "TARGET", "annual", "2400000.00"),
                Map.of("level", "STRETCH", "annual", "3600000.00")))).expectStatus().isOk();
        publish(director, id, 6);

        get(director, "/api/targets/" + id + "?asOf=2026-03-31").expectStatus().isOk().expectBody()
                .jsonPath("$.versionNumber").isEqualTo(1).jsonPath("$.levels[0].annual").isEqualTo("1200000.00");
        get(director, "/api/targets/" + id + "?asOf=2026-04-01").expectStatus().isOk().expectBody()
                .jsonPath("$.versionNumber").isEqualTo(2).jsonPath("$.levels[0].annual").isEqualTo("2400000.00")
                .jsonPath("$.levels[1].level").isEqualTo("STRETCH");
        get(director, "/api/targets/" + id + "?asOf=2025-12-31").expectStatus().isNotFound();
        get(director, "/api/targets/" + id + "/versions").expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2).jsonPath("$[1].reason").isEqualTo("East region reorganised");
        List<String> published = outbox.validPayloads("TargetPublished", id);
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).contains("\"version\":2").contains("\"reason\":\"East region reorganised\"")
                .contains("\"effectiveFrom\":\"2026-04-01\"");
        get(director, "/api/targets/" + id + "/audit").expectStatus().isOk().expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(9)
                .jsonPath("$.items[0].action").isEqualTo("target.publish")
                .jsonPath("$.items[8].action").isEqualTo("target.created");
    }

    @Test
    void companySettingsAreAdminOnlyAndNeedIfMatch() {
        get(TestTokens.rep(org.repA1), "/api/targets/settings").expectStatus().isOk().expectBody()
                .jsonPath("$.reportingCurrency").isEqualTo("CNY");
        Map<String, Object> body = Map.of("reportingCurrency", "CNY", "timeZone", "Asia/Shanghai", "fiscalYearStartMonth", 1);
        put(TestTokens.director(org.director), "/api/targets/settings", "\"1\"", body).expectStatus().isForbidden();
        put(TestTokens.admin(), "/api/targets/settings", null, body).expectStatus().isEqualTo(428);
        put(TestTokens.admin(), "/api/targets/settings", "\"1\"", Map.of("reportingCurrency", "XXXX", "timeZone", "Mars/Base",
                "fiscalYearStartMonth", 13)).expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(3);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesNothingTwice() {
        String director = TestTokens.director(org.director);
        String key = "import-" + UUID.randomUUID();
        Map<String, Object> body = target("UNIT", org.teamA, "1000.00");
        String first = client.post().uri("/api/targets").header(HttpHeaders.AUTHORIZATION, "Bearer " + director)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String again = client.post().uri("/api/targets").header(HttpHeaders.AUTHORIZATION, "Bearer " + director)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        assertThat(again).isEqualTo(first);
        list(director, "?ownerId=" + org.teamA).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);
        client.post().uri("/api/targets").header(HttpHeaders.AUTHORIZATION, "Bearer " + director)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(target("UNIT", org.teamA, "2000.00")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "idempotency-key-reused");
    }
}
