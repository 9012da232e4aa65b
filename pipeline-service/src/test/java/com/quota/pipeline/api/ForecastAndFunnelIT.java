package com.quota.pipeline.api;

import com.quota.calendar.FiscalCalendar;
import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The forecast (categories, weights, chain, undated deals, asOf, drill-down) and the funnel over HTTP. */
class ForecastAndFunnelIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    OrgFixture org;

    PipelineTestApi api;
    UUID pipeline;
    UUID account;
    UUID rep;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    final FiscalCalendar calendar = new FiscalCalendar(Month.JANUARY);

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        org = new OrgFixture(brokers, db);
        rep = org.rep();
        pipeline = api.createPipeline();
        account = api.createAccount(rep, "EAST", "ENTERPRISE");
    }

    private UUID deal(String amount, String stage, LocalDate close) {
        Map<String, Object> body = new java.util.HashMap<>(PipelineTestApi.opportunityBody(account, pipeline, amount, "CNY", null));
        body.put("stage", stage);
        if (close == null) {
            body.remove("expectedCloseDate");
        } else {
            body.put("expectedCloseDate", close.toString());
        }
        return UUID.fromString(api.ok(api.post(TestTokens.rep(rep), "/api/opportunities", body)).path("id").asString());
    }

    @Test
    void categoriesAreCumulativeWeightsRoundPerDealAndEveryFigureDrillsDown() {
        UUID commit = deal("10000.00", "P3", today);
        deal("5000.00", "P2", today);
        deal("3333.33", "P1", today);
        UUID won = deal("2000.00", "P3", today);
        api.ok(api.post(TestTokens.rep(rep), "/api/opportunities/" + won + "/win", null));
        UUID suspended = deal("99999.00", "P3", today);
        api.ok(api.post(TestTokens.rep(rep), "/api/opportunities/" + suspended + "/suspend", null));
        String quarter = calendar.quarterOf(today).toString();

        JsonNode forecast = api.ok(api.get(TestTokens.rep(rep), "/api/forecast?period=" + quarter + "&repId=" + rep));
        JsonNode total = forecast.path("total");
        assertThat(total.path("closed").asString()).isEqualTo("2000.00");
        assertThat(total.path("commit").asString()).isEqualTo("12000.00");
        assertThat(total.path("bestCase").asString()).isEqualTo("17000.00");
        assertThat(total.path("pipeline").asString()).isEqualTo("20333.33");
        // 2000 + 70% × 10000 + 40% × 5000 + 10% × 3333.33 (333.333 → 333.33)
        assertThat(total.path("weighted").asString()).isEqualTo("11333.33");
        assertThat(forecast.path("months").size()).isEqualTo(3);
        JsonNode month = forecast.path("months").findValues("period").stream().anyMatch(p -> p.asString().equals(calendar.monthOf(today).toString()))
                ? forecast.path("months") : null;
        assertThat(month).isNotNull();

        JsonNode commitLines = api.ok(api.get(TestTokens.rep(rep), "/api/forecast?period=" + quarter + "&repId=" + rep
                + "&category=COMMIT"));
        assertThat(commitLines.path("opportunities")).extracting(l -> l.path("opportunityId").asString()).containsExactly(commit.toString());

        JsonNode chain = api.ok(api.get(TestTokens.rep(rep), "/api/forecast?period=" + quarter + "&repId=" + rep
                + "&probability=CONFIGURED_CHAIN"));
        // 2000 + 60% × 10000 + 45% × 5000 + 18% × 3333.33 (599.9994 → 600.00)
        assertThat(chain.path("total").path("weighted").asString()).isEqualTo("10850.00");

        JsonNode before = api.ok(api.get(TestTokens.rep(rep), "/api/forecast?period=" + quarter + "&repId=" + rep
                + "&asOf=" + today.minusDays(1)));
        assertThat(before.path("total").path("pipeline").asString()).as("nothing existed yesterday").isEqualTo("0.00");

        api.problem(api.get(TestTokens.rep(UUID.randomUUID()), "/api/forecast?period=" + quarter + "&repId=" + rep), 404, "not-found");
        api.problem(api.get(TestTokens.rep(rep), "/api/forecast?period=FY27"), 400, "validation-failed");
        api.problem(api.get(TestTokens.rep(rep), "/api/forecast?period=" + quarter + "&asOf=yesterday"), 400, "validation-failed");
    }

    @Test
    void anUndatedDealIsPlacedByTheExpectedDaysLeft() {
        UUID undated = deal("1000.00", "P1", null);
        LocalDate placed = today.plusDays(10 + 20 + 30);
        JsonNode forecast = api.ok(api.get(TestTokens.rep(rep), "/api/forecast?period=" + calendar.monthOf(placed)
                + "&repId=" + rep + "&drillDown=true"));
        JsonNode line = forecast.path("opportunities").get(0);
        assertThat(line.path("opportunityId").asString()).isEqualTo(undated.toString());
        assertThat(line.path("datePlaced").asBoolean()).isTrue();
        assertThat(line.path("forecastDate").asString()).isEqualTo(placed.toString());
        assertThat(line.path("weightedAmount").asString()).isEqualTo("100.00");
    }

    @Test
    void theFunnelMeasuresConversionWinRateAndLosses() {
        UUID won = deal("1000.00", "P1", today);
        UUID lost = deal("2000.00", "P1", today);
        deal("3000.00", "P1", today);
        String token = TestTokens.rep(rep);
        api.ok(api.post(token, "/api/opportunities/" + won + "/advance", null));
        api.ok(api.post(token, "/api/opportunities/" + won + "/advance", null));
        api.ok(api.post(token, "/api/opportunities/" + won + "/win", null));
        api.ok(api.post(token, "/api/opportunities/" + lost + "/advance", null));
        api.ok(api.post(token, "/api/opportunities/" + lost + "/lose", Map.of("reason", "Price", "competitor", "Beifang")));

        JsonNode funnel = api.ok(api.get(token, "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today.minusDays(30)
                + "&to=" + today + "&repId=" + rep));
        assertThat(funnel.path("stages")).extracting(s -> s.path("reached").asInt()).containsExactly(3, 2, 1);
        assertThat(funnel.path("stages").get(0).path("conversion").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(funnel.path("stages").get(1).path("conversion").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(funnel.path("stages").get(2).path("conversion").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(funnel.path("winRate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(funnel.path("open").asInt()).isEqualTo(1);
        assertThat(funnel.path("lossesByCompetitor").get(0).path("key").asString()).isEqualTo("Beifang");
        assertThat(funnel.path("salesVelocity").isNull()).as("a zero-day cycle has no velocity").isTrue();

        // reopened: its last visit is an open stage again, so it counts as open, not won
        api.ok(api.post(token, "/api/opportunities/" + won + "/reopen", Map.of("reason", "signature withdrawn")));
        JsonNode reopened = api.ok(api.get(token, "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today.minusDays(30)
                + "&to=" + today + "&repId=" + rep));
        assertThat(reopened.path("open").asInt()).isEqualTo(2);
        assertThat(reopened.path("won").asInt()).isZero();
        assertThat(reopened.path("lost").asInt()).isEqualTo(1);
        assertThat(reopened.path("stages")).extracting(s -> s.path("reached").asInt()).containsExactly(3, 2, 1);

        api.problem(api.get(token, "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today + "&to=" + today.minusDays(1)),
                400, "validation-failed");
        api.problem(api.get(token, "/api/forecast/funnel?pipelineId=" + UUID.randomUUID() + "&from=" + today + "&to=" + today),
                404, "not-found");
    }
}
