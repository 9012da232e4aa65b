package com.quota.targets.attainment;

import com.quota.eventcontracts.EventSchemas;
import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.OrgFixture;
import com.quota.targets.attainment.application.PaceEvaluation;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behind-pace alerts: thresholds stored and changed through the API (with If-Match), the daily run using them once
 * per day whatever the number of instances, and the current alerts of a scope.
 */
class AttainmentAlertsIT extends AbstractTargetServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private PaceEvaluation pace;
    @Autowired
    private DatabaseClient db;
    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    private SourceEventProducer producer;
    private OrgFixture tree;

    @BeforeEach
    void tree() {
        producer = new SourceEventProducer(brokers);
        tree = new OrgFixture(client);
    }

    @AfterEach
    void restoreDefaults() {
        long version = Long.parseLong(settings().get("version").asString());
        putSettings("80", "25", "\"" + version + "\"", true).expectStatus().isOk();
        producer.close();
    }

    @Test
    void thresholdsChangedByApiDecideWhatTheDailyRunRaisesOnceWhateverTheInstances() {
        putSettings("80", "25", "\"" + settings().get("version").asString() + "\"").expectStatus().isOk()
                .expectBody().jsonPath("$.evaluateOnChange").isEqualTo(false);
        publishNovemberTarget(tree.repA1, "100000.00");
        UUID key = UUID.randomUUID();
        producer.win(key, tree.repA1, "10000.00", "2026-11-03");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                        "SELECT count(*) AS n FROM attainment_line WHERE rep_id = :rep").bind("rep", tree.repA1)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L));

        // bad changes change nothing
        String version = "\"" + settings().get("version").asString() + "\"";
        putSettings("10", "25", null).expectStatus().isEqualTo(428);
        putSettings("10", "25", "\"999999\"").expectStatus().isEqualTo(412);
        putSettings("-5", "25", version).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("thresholdPercent");
        putSettings("10", "101", version).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("minimumElapsedPercent");
        client.put().uri("/api/attainment/alert-settings").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.director(UUID.randomUUID()))
                .header(HttpHeaders.IF_MATCH, version).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("thresholdPercent", "10", "minimumElapsedPercent", "25")).exchange()
                .expectStatus().isForbidden();
        assertThat(settings().get("thresholdPercent").asString()).isEqualTo("80");

        // at 10 %, a pace of 15.00 % (as of the 20th) is not behind
        putSettings("10", "25", version).expectStatus().isOk().expectHeader().exists(HttpHeaders.ETAG)
                .expectBody().jsonPath("$.thresholdPercent").isEqualTo("10");
        assertThat(pace.runDaily(LocalDate.of(2026, 11, 20)).block()).isNotNull();
        assertThat(behindAlerts(tree.repA1)).isEmpty();
        assertThat(alertsOf(TestTokens.admin(), "2026-11-20")).noneMatch(a -> a.get("owner").get("id").asString()
                .equals(tree.repA1.toString()));

        // at 20 %, 14.29 % (the 21st) is behind: month and quarter, once — a second run that day does nothing
        putSettings("20", "25", "\"" + settings().get("version").asString() + "\"").expectStatus().isOk();
        assertThat(pace.runDaily(LocalDate.of(2026, 11, 21)).block()).isNotNull();
        assertThat(pace.runDaily(LocalDate.of(2026, 11, 21)).block()).isNull();
        List<Map<String, Object>> behind = behindAlerts(tree.repA1);
        assertThat(behind).hasSize(2);
        behind.forEach(row -> {
            JsonNode payload = JSON.readTree(row.get("payload").toString());
            assertThat(payload.get("thresholdPercent").asString()).isEqualTo("20.00");
            assertThat(payload.get("pacePercent").asString()).isEqualTo("14.29");
            assertThat(EventSchemas.validate("AttainmentBehindPace", row.get("payload").toString())).isEmpty();
        });

        // two instances at once on the next day: exactly one runs it, and the owner is not alerted again
        List<PaceEvaluation.Outcome> runs = Flux.merge(
                        pace.runDaily(LocalDate.of(2026, 11, 22)).subscribeOn(Schedulers.boundedElastic()),
                        pace.runDaily(LocalDate.of(2026, 11, 22)).subscribeOn(Schedulers.boundedElastic()))
                .collectList().block();
        assertThat(runs).hasSize(1);
        assertThat(behindAlerts(tree.repA1)).hasSize(2);

        // the current alerts, scoped: admin, the rep, their manager see them; another rep and another team do not
        List<JsonNode> all = alertsOf(TestTokens.admin(), "2026-11-22");
        JsonNode month = all.stream().filter(a -> a.get("owner").get("id").asString().equals(tree.repA1.toString())
                && a.get("periodKey").asString().equals("FY2026-M11")).findFirst().orElseThrow();
        assertThat(month.get("pacePercent").asString()).isEqualTo("13.64");
        assertThat(month.get("behindSince").asString()).isEqualTo("2026-11-21");
        assertThat(month.get("thresholdPercent").asString()).isEqualTo("20");
        assertThat(alertsOf(TestTokens.rep(tree.repA1), "2026-11-22")).hasSize(2)
                .allMatch(a -> a.get("owner").get("id").asString().equals(tree.repA1.toString()));
        assertThat(alertsOf(TestTokens.manager(tree.managerA), "2026-11-22")).hasSize(2);
        assertThat(alertsOf(TestTokens.rep(tree.repA2), "2026-11-22")).isEmpty();
        assertThat(alertsOf(TestTokens.rep(tree.repB1), "2026-11-22")).isEmpty();
        client.get().uri("/api/attainment/alerts?asOf=2026-13-01").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
        client.get().uri("/api/attainment/alerts").exchange().expectStatus().isUnauthorized();
    }

    private JsonNode settings() {
        byte[] body = client.get().uri("/api/attainment/alert-settings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /**
     * Thresholds without the judgement after every change: this test asks for the daily runs itself, and a judgement
     * after its win (as of the real today, a second or more after the credit) would race with them.
     */
    private WebTestClient.ResponseSpec putSettings(String threshold, String elapsed, String ifMatch) {
        return putSettings(threshold, elapsed, ifMatch, false);
    }

    private WebTestClient.ResponseSpec putSettings(String threshold, String elapsed, String ifMatch, boolean evaluateOnChange) {
        WebTestClient.RequestBodySpec spec = client.put().uri("/api/attainment/alert-settings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return spec.bodyValue(Map.of("thresholdPercent", threshold, "minimumElapsedPercent", elapsed,
                "evaluateOnChange", evaluateOnChange)).exchange();
    }

    private List<JsonNode> alertsOf(String token, String asOf) {
        byte[] body = client.get().uri("/api/attainment/alerts?asOf=" + asOf)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode alerts = JSON.readTree(body).get("alerts");
        List<JsonNode> list = new java.util.ArrayList<>();
        alerts.forEach(list::add);
        return list;
    }

    private List<Map<String, Object>> behindAlerts(UUID owner) {
        return db.sql("SELECT id, payload::text AS payload FROM outbox_event WHERE event_type = 'AttainmentBehindPace'"
                        + " AND payload->'owner'->>'id' = :owner")
                .bind("owner", owner.toString())
                .fetch().all().collectList().block();
    }

    /** A published FY2026 BOOKINGS target (November only) written into the targets tables (V3). */
    private void publishNovemberTarget(UUID rep, String november) {
        UUID target = UUID.randomUUID();
        db.sql("INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, currency, current_version, version)"
                        + " VALUES (:id, 2026, 'BOOKINGS', 'REP', :owner, 'CNY', 1, 1)")
                .bind("id", target).bind("owner", rep).then().block();
        db.sql("INSERT INTO target_version (target_id, number, status, effective_from, created_by, published_by, published_at)"
                        + " VALUES (:id, 1, 'PUBLISHED', DATE '2026-01-01', 'director', 'director', now())")
                .bind("id", target).then().block();
        db.sql("INSERT INTO target_level_months (target_id, version_number, level, months)"
                        + " VALUES (:id, 1, 'TARGET', ARRAY[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, CAST(:target AS numeric), 0])")
                .bind("id", target).bind("target", november).then().block();
    }
}
