package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.quota.pipeline.api.PipelineTestApi.owner;
import static org.assertj.core.api.Assertions.assertThat;

/** Follow-up activities with a cost: the reporting cost fixed at the rate of their day, OpportunityActivityLogged valid. */
class OpportunityActivityIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    PipelineTestApi api;
    UUID pipeline;
    UUID account;
    UUID liu;
    UUID chen;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        OrgFixture org = new OrgFixture(brokers, db);
        liu = org.rep();
        chen = org.rep();
        pipeline = api.createPipeline();
        account = api.createAccount(liu, "EAST", "ENTERPRISE");
    }

    @Test
    void aCostedActivityFixesItsReportingCostAtTheRateOfItsDayAndPublishesOpportunityActivityLogged() {
        // GBP is used by no other test: its only rate is this one, in force from 30 days ago
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/GBP/" + today.minusDays(30), null, Map.of("rate", "9.1234")));
        String rep = TestTokens.rep(liu);
        UUID id = UUID.fromString(api.createOpportunity(rep, account, pipeline, "50000.00", "CNY",
                List.of(owner(liu, "70", true), owner(chen, "30", false))).path("id").asString());

        JsonNode logged = api.ok(api.post(rep, "/api/opportunities/" + id + "/activities", Map.of("kind", "VISIT",
                "subject", "Site visit with the plant manager", "occurredOn", today.minusDays(2).toString(),
                "cost", Map.of("amount", "450.25", "currency", "GBP"))));
        assertThat(logged.path("cost").path("amount").asString()).isEqualTo("450.25");
        // 450.25 × 9.1234 = 4107.811... → 4107.81 HALF_EVEN
        assertThat(logged.path("reportingCost").path("amount").asString()).isEqualTo("4107.81");
        assertThat(logged.path("reportingCost").path("currency").asString()).isEqualTo("CNY");
        assertThat(logged.path("fxRate").asString()).isEqualTo("9.1234");
        api.ok(api.post(rep, "/api/opportunities/" + id + "/activities", Map.of("kind", "CALL", "subject", "Follow-up call")));

        List<JsonNode> events = api.events(id);
        assertThat(events).extracting(e -> e.path("_eventType").asString())
                .containsExactly("OpportunityCreated", "OpportunityActivityLogged", "OpportunityActivityLogged");
        JsonNode costed = events.get(1);
        assertThat(costed.path("activityId").asString()).isEqualTo(logged.path("id").asString());
        assertThat(costed.path("occurredOn").asString()).isEqualTo(today.minusDays(2).toString());
        assertThat(costed.path("cost").path("amount").asString()).isEqualTo("450.25");
        assertThat(costed.path("reportingCost").path("amount").asString()).isEqualTo("4107.81");
        assertThat(costed.path("fxRateDate").asString()).isEqualTo(today.minusDays(30).toString());
        assertThat(costed.path("owners")).hasSize(2);
        assertThat(costed.path("loggedBy").path("repId").asString()).isEqualTo(liu.toString());
        JsonNode free = events.get(2);
        assertThat(free.path("cost").isNull()).isTrue();
        assertThat(free.path("reportingCost").isNull()).isTrue();

        JsonNode listed = api.ok(api.get(rep, "/api/opportunities/" + id + "/activities"));
        assertThat(listed.path("items")).hasSize(2);
        assertThat(listed.path("items").get(0).path("reportingCost").path("amount").asString()).isEqualTo("4107.81");
    }

    @Test
    void aCostWithoutARateForItsDayIs422AndWritesNothing() {
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/SEK/" + today.minusDays(5), null, Map.of("rate", "0.66")));
        String rep = TestTokens.rep(liu);
        UUID id = UUID.fromString(api.createOpportunity(rep, account, pipeline, "8000.00", "CNY", null).path("id").asString());
        api.problem(api.post(rep, "/api/opportunities/" + id + "/activities", Map.of("kind", "VISIT", "subject", "Visit",
                "occurredOn", today.minusDays(6).toString(), "cost", Map.of("amount", "100.00", "currency", "SEK"))),
                422, "fx-rate-missing");
        api.problem(api.post(rep, "/api/opportunities/" + id + "/activities", Map.of("kind", "VISIT", "subject", "Visit",
                "cost", Map.of("amount", "-1.00", "currency", "CNY"))), 400, "validation-failed");
        assertThat(api.ok(api.get(rep, "/api/opportunities/" + id + "/activities")).path("items")).isEmpty();
        assertThat(api.eventCount(id)).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) AS n FROM opportunity_activity WHERE opportunity_id = :id").bind("id", id)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
    }
}
