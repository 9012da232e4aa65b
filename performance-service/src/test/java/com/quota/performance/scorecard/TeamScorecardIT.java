package com.quota.performance.scorecard;

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
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A team's scorecard (MANAGER template): the unit's own attainment, its sellers' deals (a shared deal once), the
 * average of its members' ratings; ranked among the units of the same parent; scoped like the unit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamScorecardIT extends AbstractPerformanceServiceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final UUID east = UUID.randomUUID();
    private final UUID west = UUID.randomUUID();
    private final UUID eastManager = UUID.randomUUID();
    private final UUID westManager = UUID.randomUUID();
    private final UUID ann = UUID.randomUUID();
    private final UUID bo = UUID.randomUUID();
    private final UUID cy = UUID.randomUUID();
    private final String admin = "Bearer " + TestTokens.admin();

    @Autowired
    DatabaseClient db;

    @Autowired
    OrgDirectory directory;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private PerformanceEvents events;

    @BeforeAll
    void twoTeamsAndTheManagerTemplate() {
        events = new PerformanceEvents(brokers);
        events.team(east, eastManager, List.of(ann, bo));
        events.team(west, westManager, List.of(cy));
        await().atMost(PATIENCE).until(() -> directory.unitOf(cy, LocalDate.of(2026, 6, 30)).blockOptional().isPresent()
                && directory.unitOf(bo, LocalDate.of(2026, 6, 30)).blockOptional().isPresent()
                && directory.unitOf(ann, LocalDate.now()).blockOptional().isPresent());
        String suffix = east.toString().substring(0, 8).toUpperCase();
        String attainment = kpi("TEAM_ATT_" + suffix, "ATTAINMENT_PERCENT", "60", "100");
        String winRate = kpi("TEAM_WIN_" + suffix, "WIN_RATE", "0", "100");
        String teamwork = kpi("TEAM_WORK_" + suffix, "TEAMWORK", "1", "5");
        client.post().uri("/api/scorecards/templates").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Team scorecard", "role", "MANAGER", "kpis", List.of(
                        Map.of("kpiId", attainment, "weightPercent", "50"), Map.of("kpiId", winRate, "weightPercent", "30"),
                        Map.of("kpiId", teamwork, "weightPercent", "20"))))
                .exchange().expectStatus().isCreated();
    }

    private String kpi(String code, String measure, String threshold, String target) {
        return client.post().uri("/api/kpis/definitions").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"code":"%s","name":"%s","measure":"%s","rule":{"type":"LINEAR","threshold":"%s","target":"%s","cap":"120"}}"""
                        .formatted(code, measure, measure, threshold, target))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private void unitAttainment(UUID unit, String actual) {
        ObjectNode event = PerformanceEvents.attainmentChanged(unit, "BOOKINGS", "OpportunityWon", UUID.randomUUID(), null,
                LocalDate.parse("2026-05-15"), actual, actual, "1000000.00");
        ((ObjectNode) event.get("owner")).put("type", "UNIT");
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", UUID.randomUUID(), unit.toString(), event);
    }

    private void closed(String type, Map<UUID, String> owners, String closeDate) {
        UUID deal = UUID.randomUUID();
        ObjectNode event = "OpportunityWon".equals(type)
                ? PerformanceEvents.opportunityWon(deal, owners, LocalDate.parse(closeDate), "100000.00", false)
                : PerformanceEvents.opportunity(type, deal, owners);
        event.put("closeDate", closeDate);
        events.send(Topics.PIPELINE_OPPORTUNITY, type, UUID.randomUUID(), deal.toString(), event, Instant.now());
    }

    private void rate(UUID rep, String rating) {
        client.post().uri("/api/scorecards/ratings").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(eastManager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("repId", rep.toString(), "periodKey", "FY2026-Q2", "measure", "TEAMWORK", "rating", rating))
                .exchange().expectStatus().isCreated();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTeamIsScoredFromItsOwnAttainmentItsSellersDealsAndItsMembersRatingsAndRankedAmongItsPeers() {
        unitAttainment(east, "900000.00");   // 90 % → 75 points
        unitAttainment(west, "1100000.00");  // 110 % → 125, capped 120
        Map<UUID, String> annAlone = new LinkedHashMap<>(Map.of(ann, "100"));
        Map<UUID, String> boAlone = new LinkedHashMap<>(Map.of(bo, "100"));
        Map<UUID, String> shared = new LinkedHashMap<>();
        shared.put(ann, "50");
        shared.put(bo, "50");
        closed("OpportunityWon", annAlone, "2026-04-10");
        closed("OpportunityLost", boAlone, "2026-05-10");
        closed("OpportunityWon", shared, "2026-06-10");   // one deal of the team, however many members own it
        rate(ann, "4");
        rate(bo, "5");
        await().atMost(PATIENCE).until(() -> count("select count(*) from attainment_figure where owner_id in ('" + east + "','"
                + west + "') and period_key = 'FY2026-Q2'") == 2
                && count("select count(*) from opportunity_fact_owner where rep_id in ('" + ann + "','" + bo + "')") == 4);

        Map<String, Object> card = client.get().uri("/api/scorecards/units/{unit}?periodKey=FY2026-Q2", east)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(eastManager)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, BigDecimal> actuals = new LinkedHashMap<>();
        for (Map<String, Object> kpi : (List<Map<String, Object>>) card.get("kpis")) {
            actuals.put((String) kpi.get("measure"), new BigDecimal(kpi.get("actualValue").toString()));
        }
        assertThat(actuals.get("ATTAINMENT_PERCENT")).isEqualByComparingTo("90.00");
        assertThat(actuals.get("WIN_RATE")).isEqualByComparingTo("66.67");     // 2 won of 3 closed, the shared deal once
        assertThat(actuals.get("TEAMWORK")).isEqualByComparingTo("4.50");      // the members' average
        // 50 × 75 + 30 × 66.67 + 20 × 87.5 = 7,500.1 ÷ 100 = 75.00 (B); west: 50 × 120 ÷ 100 = 60.00 (C)
        assertThat(new BigDecimal(card.get("score").toString())).isEqualByComparingTo("75.00");
        assertThat(card.get("grade")).isEqualTo("B");
        assertThat(card.get("rankAmongPeers")).isEqualTo(1);
        assertThat(card.get("peers")).isEqualTo(2);

        client.get().uri("/api/scorecards/units/{unit}?periodKey=FY2026-Q2", west)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(UUID.randomUUID())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.score").isEqualTo(60.00)
                .jsonPath("$.rankAmongPeers").isEqualTo(2)
                .jsonPath("$.parentId").isEqualTo(card.get("parentId").toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSellerWhoseRoleHasNoTemplateIsShownUnscoredWithTheReasonInsteadOfFailingTheTeamViews() {
        // the database is shared: ScorecardIT may have defined the REP template; park it so east's sellers have none
        db.sql("UPDATE scorecard_template SET role = 'REP-parked' WHERE role = 'REP'").fetch().rowsUpdated().block();
        try {
            String manager = "Bearer " + TestTokens.manager(eastManager);
            Map<String, Object> card = client.get().uri("/api/scorecards/units/{unit}?periodKey=FY2026-Q3", east)
                    .header(HttpHeaders.AUTHORIZATION, manager).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(card.get("score")).isNotNull();
            List<Map<String, Object>> members = (List<Map<String, Object>>) card.get("members");
            assertThat(members).extracting(m -> m.get("repId")).containsExactlyInAnyOrder(ann.toString(), bo.toString());
            assertThat(members).allSatisfy(m -> {
                assertThat(m.get("score")).isNull();
                assertThat(m.get("rankInTeam")).isNull();
                assertThat((String) m.get("unscoredReason")).contains("no scorecard template").contains("role REP");
            });

            // the manager's own scorecard is ranked among the teammates that can be scored, and names the others
            client.get().uri("/api/scorecards/reps/{rep}?periodKey=FY2026-Q3", eastManager)
                    .header(HttpHeaders.AUTHORIZATION, manager).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.rankInTeam").isEqualTo(1)
                    .jsonPath("$.teamSize").isEqualTo(1)
                    .jsonPath("$.unscoredTeammates.length()").isEqualTo(2);

            List<Map<String, Object>> board = client.get()
                    .uri("/api/scorecards/leaderboard?unitId={unit}&periodKey=FY2026-Q3&metric=SCORE", east)
                    .header(HttpHeaders.AUTHORIZATION, manager).exchange()
                    .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
                    .map(m -> (Map<String, Object>) m).toList();
            assertThat(board).extracting(m -> m.get("repId")).containsExactlyInAnyOrder(ann.toString(), bo.toString());
            assertThat(board).allSatisfy(m -> {
                assertThat(m.get("rank")).isNull();
                assertThat((String) m.get("unscoredReason")).contains("role REP");
            });

            // a rep's own scorecard cannot exist without a template, and a team is finalized only when all can be scored
            client.get().uri("/api/scorecards/reps/{rep}?periodKey=FY2026-Q3", ann)
                    .header(HttpHeaders.AUTHORIZATION, manager).exchange()
                    .expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.type").isEqualTo("https://quota.example/problems/no-scorecard-template");
            client.post().uri("/api/scorecards/finalize").header(HttpHeaders.AUTHORIZATION, manager)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("unitId", east, "periodKey", "FY2026-Q3"))
                    .exchange().expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.type").isEqualTo("https://quota.example/problems/reps-unscored");
            assertThat(count("select count(*) from scorecard where unit_id = '" + east + "'")).isZero();
        } finally {
            db.sql("UPDATE scorecard_template SET role = 'REP' WHERE role = 'REP-parked'").fetch().rowsUpdated().block();
        }
    }

    @Test
    void aTeamScorecardIsScopedLikeItsUnit() {
        String path = "/api/scorecards/units/" + east + "?periodKey=FY2026-Q1";
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(eastManager)).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(UUID.randomUUID())).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, admin).exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.integration("hr-sync", "performance.read"))
                .exchange().expectStatus().isOk();
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.integration("crm-sync", "opportunities.write"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.manager(westManager)).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(ann)).exchange().expectStatus().isNotFound();
        client.get().uri("/api/scorecards/units/" + east + "?periodKey=Q1-2026").header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/scorecards/units/" + UUID.randomUUID() + "?periodKey=FY2026-Q1").header(HttpHeaders.AUTHORIZATION, admin)
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/not-yet-known-here");
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/scorecards/units/{unitId}'].get").exists();
    }
}
