package com.quota.performance.scorecard;

import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.orgdirectory.OrgDirectory;
import com.quota.performance.AbstractPerformanceServiceIT;
import com.quota.performance.PerformanceEvents;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * KPI definitions and a REP template in; AttainmentChanged and a manager's soft rating move the live scorecard; the
 * team is ranked, summarized and finalized (ScorecardFinalized), immutable after; scope and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardIT extends AbstractPerformanceServiceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final UUID team = UUID.randomUUID();
    private final UUID otherTeam = UUID.randomUUID();
    private final UUID manager = UUID.randomUUID();
    private final UUID otherManager = UUID.randomUUID();
    private final UUID star = UUID.randomUUID();
    private final UUID steady = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private final String admin = "Bearer " + TestTokens.admin();

    @Autowired
    DatabaseClient db;

    @Autowired
    OrgDirectory directory;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private PerformanceEvents events;

    @BeforeAll
    void orgKpisAndTemplate() {
        events = new PerformanceEvents(brokers);
        events.team(team, manager, List.of(star, steady));
        events.team(otherTeam, otherManager, List.of(stranger));
        await().atMost(PATIENCE).until(() -> directory.unitOf(stranger, LocalDate.of(2026, 6, 30)).blockOptional().isPresent()
                && directory.unitOf(steady, LocalDate.of(2026, 6, 30)).blockOptional().isPresent()
                && directory.unitOf(star, LocalDate.now()).blockOptional().isPresent());
        String attainment = kpi("""
                {"code":"QUOTA_ATTAINMENT_%s","name":"Bookings attainment","measure":"ATTAINMENT_PERCENT",
                 "rule":{"type":"LINEAR","threshold":"60","target":"100","cap":"120"}}""".formatted(suffix()));
        String satisfaction = kpi("""
                {"code":"CSAT_%s","name":"Customer satisfaction","measure":"CUSTOMER_SATISFACTION",
                 "rule":{"type":"LINEAR","threshold":"3","target":"4.5","cap":"120"}}""".formatted(suffix()));
        // weights 60 + 30 are refused, nothing stored
        client.post().uri("/api/scorecards/templates").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "AE", "role", "REP", "kpis", List.of(
                        Map.of("kpiId", attainment, "weightPercent", "60"), Map.of("kpiId", satisfaction, "weightPercent", "30"))))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/weights-not-100");
        client.post().uri("/api/scorecards/templates").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Account Executive scorecard", "role", "REP", "kpis", List.of(
                        Map.of("kpiId", attainment, "weightPercent", "70"), Map.of("kpiId", satisfaction, "weightPercent", "30"))))
                .exchange().expectStatus().isCreated();
    }

    private String suffix() {
        return team.toString().substring(0, 8).toUpperCase().replace('-', '_').replaceAll("[^A-Z0-9_]", "X");
    }

    private String kpi(String body) {
        return client.post().uri("/api/kpis/definitions").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private void quarterActual(UUID rep, String delta, String actual, String target) {
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", UUID.randomUUID(), rep.toString(),
                PerformanceEvents.attainmentChanged(rep, "BOOKINGS", "OpportunityWon", UUID.randomUUID(), null,
                        LocalDate.parse("2026-05-15"), delta, actual, target));
    }

    @Test
    void eventsAndRatingsMoveTheLiveScorecardAndFinalizingFreezesIt() {
        quarterActual(star, "920000.00", "920000.00", "1000000.00");    // 92 % → 80 points
        quarterActual(steady, "700000.00", "700000.00", "1000000.00");  // 70 % → 25 points
        await().atMost(PATIENCE).until(() -> count("select count(*) from attainment_figure where owner_id in ('"
                + star + "','" + steady + "') and period_key = 'FY2026-Q2'") == 2);

        String managerToken = "Bearer " + TestTokens.manager(manager);
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", star.toString(), "periodKey", "FY2026-Q2", "measure", "CUSTOMER_SATISFACTION",
                        "rating", "4.2", "comment", "customers ask for her by name"))
                .exchange().expectStatus().isCreated();

        // star: 70 × 80 / 100 + 30 × 80 / 100 = 80.00 (B); steady: 70 × 25 / 100 = 17.50 (D)
        client.get().uri("/api/scorecards/reps/{rep}?periodKey=FY2026-Q2", star)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(star)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("LIVE")
                .jsonPath("$.score").isEqualTo(80.00)
                .jsonPath("$.grade").isEqualTo("B")
                .jsonPath("$.rankInTeam").isEqualTo(1)
                .jsonPath("$.teamSize").isEqualTo(2)
                .jsonPath("$.kpis[0].actualValue").isEqualTo(92.00);

        client.get().uri("/api/scorecards/leaderboard?unitId={unit}&periodKey=FY2026-Q2&metric=ATTAINMENT_PERCENT", team)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].repId").isEqualTo(star.toString())
                .jsonPath("$[1].rank").isEqualTo(2);
        client.get().uri("/api/scorecards/team-summary?unitId={unit}&periodKey=FY2026-Q2&asOf=2026-06-30", team)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.reps").isEqualTo(2)
                .jsonPath("$.atQuota").isEqualTo(0)
                .jsonPath("$.attainmentDistribution.80_TO_100").isEqualTo(1)
                .jsonPath("$.attainmentDistribution.50_TO_80").isEqualTo(1)
                .jsonPath("$.behindPace.length()").isEqualTo(2);

        long events = count("select count(*) from outbox_event where event_type = 'ScorecardFinalized'");
        client.post().uri("/api/scorecards/finalize").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", team.toString(), "periodKey", "FY2026-Q2"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(2);
        assertThat(count("select count(*) from outbox_event where event_type = 'ScorecardFinalized'")).isEqualTo(events + 2);
        String payload = db.sql("select payload::text as p from outbox_event where event_type = 'ScorecardFinalized' "
                        + "and payload ->> 'repId' = :rep").bind("rep", star.toString())
                .map(row -> row.get("p", String.class)).one().block();
        assertThat(EventSchemas.validate("ScorecardFinalized", payload)).isEmpty();

        // a later event does not move a finalized scorecard; finalizing again or rating again is 409, nothing written
        quarterActual(steady, "400000.00", "1100000.00", "1000000.00");
        await().atMost(PATIENCE).until(() -> count("select count(*) from attainment_credit where rep_id = '" + steady + "'") == 2);
        client.get().uri("/api/scorecards/reps/{rep}?periodKey=FY2026-Q2", steady)
                .header(HttpHeaders.AUTHORIZATION, managerToken).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("FINALIZED")
                .jsonPath("$.score").isEqualTo(17.50)
                .jsonPath("$.rankInTeam").isEqualTo(2);
        client.post().uri("/api/scorecards/finalize").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", team.toString(), "periodKey", "FY2026-Q2"))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/scorecard-finalized");
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", star.toString(), "periodKey", "FY2026-Q2", "measure", "TEAMWORK", "rating", "5"))
                .exchange().expectStatus().isEqualTo(409);
        assertThat(count("select count(*) from outbox_event where event_type = 'ScorecardFinalized'")).isEqualTo(events + 2);
        assertThat(count("select count(*) from soft_rating where rep_id = '" + star + "'")).isEqualTo(1);
    }

    @Test
    void ratingsAreScopedToTheManagersSubtreeAndMustBeSoftRatingsInRangeAndEveryRoleReadsItsScope() {
        String managerToken = "Bearer " + TestTokens.manager(manager);
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", stranger.toString(), "periodKey", "FY2026-Q3", "measure", "TEAMWORK", "rating", "4"))
                .exchange().expectStatus().isNotFound();
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(star))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", steady.toString(), "periodKey", "FY2026-Q3", "measure", "TEAMWORK", "rating", "4"))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", steady.toString(), "periodKey", "FY2026-Q3", "measure", "BOOKINGS", "rating", "4"))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/not-a-soft-rating");
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, managerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", steady.toString(), "periodKey", "FY2026-Q3", "measure", "TEAMWORK", "rating", "6"))
                .exchange().expectStatus().isBadRequest();
        assertThat(count("select count(*) from soft_rating where period_key = 'FY2026-Q3'")).isZero();

        client.get().uri("/api/scorecards/reps/{rep}?periodKey=FY2026-Q3", steady)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(stranger)).exchange().expectStatus().isNotFound();
        client.get().uri("/api/scorecards/leaderboard?unitId={unit}&periodKey=FY2026-Q3", team)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(otherManager)).exchange().expectStatus().isNotFound();
        client.post().uri("/api/scorecards/finalize").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(otherManager))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", team.toString(), "periodKey", "FY2026-Q3"))
                .exchange().expectStatus().isNotFound();
        // INTEGRATION: reads with performance.read, nothing without it, never a rating or a finalize
        String reader = "Bearer " + TestTokens.integration("hr-sync", "performance.read");
        String noScope = "Bearer " + TestTokens.integration("crm-sync", "opportunities.write");
        for (String path : List.of("/api/scorecards/reps/" + steady + "?periodKey=FY2026-Q3",
                "/api/scorecards/leaderboard?unitId=" + team + "&periodKey=FY2026-Q3&metric=BOOKINGS",
                "/api/scorecards/team-summary?unitId=" + team + "&periodKey=FY2026-Q3&asOf=2026-08-01")) {
            client.get().uri(path).header(HttpHeaders.AUTHORIZATION, reader).exchange().expectStatus().isOk();
            client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(UUID.randomUUID()))
                    .exchange().expectStatus().isOk();
            client.get().uri(path).header(HttpHeaders.AUTHORIZATION, noScope).exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        client.get().uri("/api/scorecards/reps/{rep}?periodKey=FY2026-Q3", steady)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(steady)).exchange().expectStatus().isOk();
        client.get().uri("/api/scorecards/team-summary?unitId={unit}&periodKey=FY2026-Q3", team)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(steady)).exchange().expectStatus().isNotFound();
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, reader)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", steady.toString(), "periodKey", "FY2026-Q3", "measure", "TEAMWORK", "rating", "4"))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/scorecards/finalize").header(HttpHeaders.AUTHORIZATION, reader)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", team.toString(), "periodKey", "FY2026-Q3"))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/scorecards/finalize").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(steady))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", team.toString(), "periodKey", "FY2026-Q3"))
                .exchange().expectStatus().isForbidden();
        assertThat(count("select count(*) from soft_rating where period_key = 'FY2026-Q3'")).isZero();
        assertThat(count("select count(*) from scorecard where period_key = 'FY2026-Q3'")).isZero();
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/scorecards/ratings'].post").exists()
                .jsonPath("$.paths['/api/scorecards/leaderboard'].get").exists()
                .jsonPath("$.paths['/api/kpis/definitions'].post").exists();
    }
}
