package com.quota.pipeline.api;

import com.quota.calendar.FiscalCalendar;
import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forecast and funnel of an org unit's whole subtree (a team or region) by the service's org replica, scoped
 * (MANAGER their subtree, REP only their own, DIRECTOR all); the figures summed in SQL equal the sum of the
 * drill-down lines; a deal suspended after the as-of day counts as open on it.
 */
class TeamForecastIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    final FiscalCalendar calendar = new FiscalCalendar(Month.JANUARY);
    final String quarter = calendar.quarterOf(today).toString();

    PipelineTestApi api;
    OrgFixture org;
    UUID pipeline;
    UUID regionManager;
    UUID teamManager;
    UUID region;
    UUID team;
    UUID inTeam;
    UUID inRegion;
    UUID otherUnit;
    UUID elsewhere;

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        org = new OrgFixture(brokers, db);
        pipeline = api.createPipeline();
        regionManager = UUID.randomUUID();
        teamManager = UUID.randomUUID();
        region = org.unit(regionManager);
        team = org.unit(region, teamManager);
        org.rep(regionManager, region, "MANAGER", List.of(region));
        org.rep(teamManager, team, "MANAGER", List.of(team));
        inTeam = org.rep(team, "REP", List.of());
        inRegion = org.rep(region, "REP", List.of());
        otherUnit = org.unit(null);
        elsewhere = org.rep(otherUnit, "REP", List.of());
    }

    private UUID deal(UUID rep, String amount, String currency, String stage, LocalDate close) {
        UUID account = api.createAccount(rep, "EAST", "ENTERPRISE");
        Map<String, Object> body = new HashMap<>(PipelineTestApi.opportunityBody(account, pipeline, amount, currency, null));
        body.put("stage", stage);
        body.put("expectedCloseDate", close.toString());
        return UUID.fromString(api.ok(api.post(TestTokens.rep(rep), "/api/opportunities", body)).path("id").asString());
    }

    private JsonNode forecast(String token, String query) {
        return api.ok(api.get(token, "/api/forecast?period=" + quarter + "&pipelineId=" + pipeline + query));
    }

    private String pipelineTotal(String token, UUID unit) {
        return forecast(token, "&unitId=" + unit).path("total").path("pipeline").asString();
    }

    @Test
    void aUnitsForecastHoldsItsWholeSubtreeWithinTheCallersScope() {
        deal(inTeam, "1000.00", "CNY", "P3", today);
        deal(inRegion, "2000.00", "CNY", "P2", today);
        deal(elsewhere, "4000.00", "CNY", "P1", today);
        String director = TestTokens.director(UUID.randomUUID());

        assertThat(pipelineTotal(director, region)).as("the region's subtree: its own rep and the team's").isEqualTo("3000.00");
        assertThat(pipelineTotal(director, team)).isEqualTo("1000.00");
        assertThat(pipelineTotal(director, otherUnit)).isEqualTo("4000.00");
        assertThat(forecast(director, "&unitId=" + region).path("total").path("openDeals").asInt()).isEqualTo(2);

        assertThat(pipelineTotal(TestTokens.manager(regionManager), team)).as("a unit inside the managed subtree").isEqualTo("1000.00");
        assertThat(pipelineTotal(TestTokens.manager(regionManager), region)).isEqualTo("3000.00");
        assertThat(pipelineTotal(TestTokens.manager(teamManager), team)).isEqualTo("1000.00");
        api.problem(api.get(TestTokens.manager(teamManager), "/api/forecast?period=" + quarter + "&unitId=" + region),
                404, "not-found");
        api.problem(api.get(TestTokens.manager(regionManager), "/api/forecast?period=" + quarter + "&unitId=" + otherUnit),
                404, "not-found");

        assertThat(pipelineTotal(TestTokens.rep(inRegion), region)).as("a rep sees only their own deals in their unit")
                .isEqualTo("2000.00");
        assertThat(pipelineTotal(TestTokens.rep(inTeam), region)).as("the team is in the region").isEqualTo("1000.00");
        api.problem(api.get(TestTokens.rep(inRegion), "/api/forecast?period=" + quarter + "&unitId=" + team), 404, "not-found");
        api.problem(api.get(TestTokens.rep(elsewhere), "/api/forecast?period=" + quarter + "&unitId=" + region), 404, "not-found");
        api.problem(api.get(director, "/api/forecast?period=" + quarter + "&unitId=" + UUID.randomUUID()), 404, "not-found");
        api.problem(api.get(director, "/api/forecast?period=" + quarter + "&unitId=not-a-uuid"), 400, "malformed-request");

        JsonNode funnel = api.ok(api.get(TestTokens.manager(regionManager), "/api/forecast/funnel?pipelineId=" + pipeline
                + "&from=" + today.minusDays(1) + "&to=" + today + "&unitId=" + region));
        assertThat(funnel.path("stages").get(0).path("reached").asInt()).isEqualTo(2);
        assertThat(funnel.path("open").asInt()).isEqualTo(2);
        api.problem(api.get(TestTokens.manager(teamManager), "/api/forecast/funnel?pipelineId=" + pipeline
                + "&from=" + today + "&to=" + today + "&unitId=" + region), 404, "not-found");
    }

    @Test
    void theFiguresSummedInTheDatabaseAreTheSumOfTheirDrillDownLines() {
        // CHF: no other test uses it (OpportunityLifecycleIT needs EUR without a rate)
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/CHF/2020-01-01", null, Map.of("rate", "7.8123456789")));
        deal(inTeam, "3333.33", "CNY", "P1", today);
        deal(inTeam, "1234.57", "CHF", "P2", today);
        deal(inTeam, "0.05", "CNY", "P1", today); // 10% of 0.05 = 0.005: a tie, HALF_EVEN → 0.00
        deal(inTeam, "0.15", "CNY", "P1", today); // 0.015 → 0.02
        deal(inTeam, "777.77", "CHF", "P3", today.plusMonths(1));
        UUID won = deal(inTeam, "999.99", "CHF", "P3", today);
        api.ok(api.post(TestTokens.rep(inTeam), "/api/opportunities/" + won + "/win", null));
        String token = TestTokens.manager(teamManager);

        for (String probability : List.of("STAGE", "CONFIGURED_CHAIN", "MEASURED_CHAIN")) {
            JsonNode figures = forecast(token, "&unitId=" + team + "&probability=" + probability);
            JsonNode drill = forecast(token, "&unitId=" + team + "&probability=" + probability + "&drillDown=true");
            assertThat(figures.path("opportunities").size()).as("no lines unless asked").isZero();
            assertThat(drill.path("total")).isEqualTo(figures.path("total"));
            assertThat(drill.path("opportunities").size()).isEqualTo(6);
            BigDecimal weighted = BigDecimal.ZERO;
            BigDecimal pipelineAmount = BigDecimal.ZERO;
            for (JsonNode line : drill.path("opportunities")) {
                weighted = weighted.add(new BigDecimal(line.path("weightedAmount").asString()));
                pipelineAmount = pipelineAmount.add(new BigDecimal(line.path("amount").asString()));
            }
            assertThat(new BigDecimal(figures.path("total").path("weighted").asString())).as(probability).isEqualTo(weighted);
            assertThat(new BigDecimal(figures.path("total").path("pipeline").asString())).isEqualTo(pipelineAmount);
            for (JsonNode month : figures.path("months")) {
                BigDecimal monthWeighted = BigDecimal.ZERO;
                for (JsonNode line : drill.path("opportunities")) {
                    if (line.path("period").asString().equals(month.path("period").asString())) {
                        monthWeighted = monthWeighted.add(new BigDecimal(line.path("weightedAmount").asString()));
                    }
                }
                assertThat(new BigDecimal(month.path("figures").path("weighted").asString())).isEqualByComparingTo(monthWeighted);
            }
        }
        JsonNode stage = forecast(token, "&unitId=" + team + "&drillDown=true");
        assertThat(stage.path("opportunities")).filteredOn(l -> l.path("amount").asString().equals("0.05"))
                .extracting(l -> l.path("weightedAmount").asString()).containsExactly("0.00");
        assertThat(stage.path("opportunities")).filteredOn(l -> l.path("amount").asString().equals("0.15"))
                .extracting(l -> l.path("weightedAmount").asString()).containsExactly("0.02");
    }

    @Test
    void aDealSuspendedAfterTheAsOfDayCountsAsOpenOnIt() {
        UUID deal = deal(inTeam, "5000.00", "CNY", "P3", today);
        api.ok(api.post(TestTokens.rep(inTeam), "/api/opportunities/" + deal + "/suspend", null));
        assertThat(db.sql("SELECT suspended_on FROM opportunity WHERE id = :id").bind("id", deal)
                .map(r -> r.get("suspended_on", LocalDate.class)).one().block()).isEqualTo(today);
        // move the deal's past back in time, as if it had been created ten days ago and suspended three days ago
        db.sql("UPDATE opportunity SET created_on = :created, suspended_on = :suspended WHERE id = :id")
                .bind("created", today.minusDays(10)).bind("suspended", today.minusDays(3)).bind("id", deal).then().block();
        db.sql("UPDATE opportunity_suspension SET suspended_on = :suspended WHERE opportunity_id = :id")
                .bind("suspended", today.minusDays(3)).bind("id", deal).then().block();
        db.sql("UPDATE opportunity_stage_history SET entered_on = :created WHERE opportunity_id = :id")
                .bind("created", today.minusDays(10)).bind("id", deal).then().block();
        String token = TestTokens.rep(inTeam);

        JsonNode before = forecast(token, "&repId=" + inTeam + "&asOf=" + today.minusDays(5) + "&drillDown=true");
        assertThat(before.path("total").path("commit").asString()).as("still open five days ago").isEqualTo("5000.00");
        assertThat(before.path("opportunities")).extracting(l -> l.path("opportunityId").asString()).containsExactly(deal.toString());
        assertThat(forecast(token, "&repId=" + inTeam + "&asOf=" + today.minusDays(3)).path("total").path("commit").asString())
                .as("suspended on that day").isEqualTo("0.00");
        assertThat(forecast(token, "&repId=" + inTeam).path("total").path("commit").asString()).isEqualTo("0.00");

        api.ok(api.post(token, "/api/opportunities/" + deal + "/reactivate", null));
        assertThat(db.sql("SELECT suspended_on IS NULL AS cleared FROM opportunity WHERE id = :id").bind("id", deal)
                .map(r -> r.get("cleared", Boolean.class)).one().block()).isTrue();
        assertThat(forecast(token, "&repId=" + inTeam).path("total").path("commit").asString()).isEqualTo("5000.00");
        // reactivated today: three days ago it was still suspended
        assertThat(forecast(token, "&repId=" + inTeam + "&asOf=" + today.minusDays(3)).path("total").path("commit").asString())
                .as("the suspension is history, not forgotten").isEqualTo("0.00");
    }

    @Test
    void everyPastSuspensionCountsOnItsOwnDaysNotOnlyTheCurrentOne() {
        UUID deal = deal(inTeam, "7000.00", "CNY", "P3", today);
        String token = TestTokens.rep(inTeam);
        api.ok(api.post(token, "/api/opportunities/" + deal + "/suspend", null));
        api.ok(api.post(token, "/api/opportunities/" + deal + "/reactivate", null));
        api.ok(api.post(token, "/api/opportunities/" + deal + "/suspend", null));
        // two suspensions recorded; move them into the past: 20 to 12 days ago (reactivated), and since 4 days ago
        assertThat(db.sql("SELECT count(*) AS n FROM opportunity_suspension WHERE opportunity_id = :id").bind("id", deal)
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
        db.sql("UPDATE opportunity SET created_on = :created WHERE id = :id")
                .bind("created", today.minusDays(30)).bind("id", deal).then().block();
        db.sql("UPDATE opportunity_stage_history SET entered_on = :created WHERE opportunity_id = :id")
                .bind("created", today.minusDays(30)).bind("id", deal).then().block();
        db.sql("DELETE FROM opportunity_suspension WHERE opportunity_id = :id").bind("id", deal).then().block();
        db.sql("INSERT INTO opportunity_suspension (opportunity_id, suspended_on, ended_on) VALUES (:id, :a, :b), (:id, :c, NULL)")
                .bind("id", deal).bind("a", today.minusDays(20)).bind("b", today.minusDays(12)).bind("c", today.minusDays(4))
                .then().block();

        String rep = "&repId=" + inTeam;
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(25))).as("open before the first suspension").isEqualTo("7000.00");
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(15))).as("in the first suspension").isEqualTo("0.00");
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(12))).as("reactivated that day").isEqualTo("7000.00");
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(8))).as("open between the two").isEqualTo("7000.00");
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(4))).as("in the second suspension").isEqualTo("0.00");
        assertThat(commit(token, rep)).isEqualTo("0.00");
        // the drill-down (computed line by line) agrees with the totals (summed in SQL)
        JsonNode between = forecast(token, rep + "&asOf=" + today.minusDays(8) + "&drillDown=true");
        assertThat(between.path("opportunities")).extracting(l -> l.path("opportunityId").asString()).contains(deal.toString());
        JsonNode during = forecast(token, rep + "&asOf=" + today.minusDays(15) + "&drillDown=true");
        assertThat(during.path("opportunities")).extracting(l -> l.path("opportunityId").asString()).doesNotContain(deal.toString());
    }

    @Test
    void aTerminatedOrArchivedDealCountsAsItWasOnTheAsOfDayNotByItsStatusNow() {
        UUID deal = deal(inTeam, "6000.00", "CNY", "P3", today);
        String token = TestTokens.rep(inTeam);
        api.ok(api.post(token, "/api/opportunities/" + deal + "/terminate", Map.of("reason", "customer closed")));
        assertThat(db.sql("SELECT terminated_on FROM opportunity WHERE id = :id").bind("id", deal)
                .map(r -> r.get("terminated_on", LocalDate.class)).one().block()).isEqualTo(today);
        // created thirty days ago, terminated ten days ago
        db.sql("UPDATE opportunity SET created_on = :created, terminated_on = :terminated WHERE id = :id")
                .bind("created", today.minusDays(30)).bind("terminated", today.minusDays(10)).bind("id", deal).then().block();
        db.sql("UPDATE opportunity_stage_history SET entered_on = :created WHERE opportunity_id = :id")
                .bind("created", today.minusDays(30)).bind("id", deal).then().block();

        String rep = "&repId=" + inTeam;
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(11))).as("open the day before").isEqualTo("6000.00");
        JsonNode before = forecast(token, rep + "&asOf=" + today.minusDays(11) + "&drillDown=true");
        assertThat(before.path("opportunities")).extracting(l -> l.path("opportunityId").asString()).containsExactly(deal.toString());
        assertThat(before.path("opportunities").get(0).path("category").asString()).isEqualTo("COMMIT");
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(10))).as("terminated that day").isEqualTo("0.00");
        assertThat(commit(token, rep)).isEqualTo("0.00");

        api.ok(api.post(token, "/api/opportunities/" + deal + "/archive", null));
        assertThat(db.sql("SELECT archived_on FROM opportunity WHERE id = :id").bind("id", deal)
                .map(r -> r.get("archived_on", LocalDate.class)).one().block()).isEqualTo(today);
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(11))).as("archiving does not rewrite the past")
                .isEqualTo("6000.00");
        assertThat(commit(token, rep + "&asOf=" + today.minusDays(5))).as("terminated, then archived").isEqualTo("0.00");
        assertThat(commit(token, rep)).isEqualTo("0.00");
    }

    @Test
    void roundHalfEvenInTheDatabaseRoundsAsJavaDoes() {
        // the SQL sums round every deal with this function; it must agree with BigDecimal's HALF_EVEN (the lines)
        List<String> values = new java.util.ArrayList<>(List.of("2.345", "2.355", "-2.345", "-2.355", "0.5", "1.5", "2.5",
                "-0.5", "100.035", "100.045", "1000.3700", "0.004999", "0.005", "0.015", "7123.40000001"));
        java.util.Random random = new java.util.Random(18);
        for (int i = 0; i < 500; i++) {
            // ties on purpose: a random number of units plus exactly half a unit of the last place, or any digits
            BigDecimal base = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(4));
            values.add((i % 2 == 0 ? base.add(new BigDecimal("0.005")) : base.multiply(new BigDecimal("7.1234"))).toPlainString());
        }
        for (int places : new int[]{0, 2, 3}) {
            List<String> rounded = db.sql("SELECT CAST(round_half_even(CAST(x AS numeric), :p) AS text) AS r "
                            + "FROM unnest(CAST(:xs AS text[])) WITH ORDINALITY AS t(x, n) ORDER BY n")
                    .bind("p", places).bind("xs", values.toArray(String[]::new))
                    .map(r -> r.get("r", String.class)).all().collectList().block();
            assertThat(rounded).as("places " + places).containsExactlyElementsOf(values.stream()
                    .map(v -> new BigDecimal(v).setScale(places, java.math.RoundingMode.HALF_EVEN).toPlainString()).toList());
        }
        assertThat(db.sql("SELECT round_half_even(NULL, 2) IS NULL AS n").map(r -> r.get("n", Boolean.class)).one().block())
                .isTrue();
    }

    private String commit(String token, String query) {
        return forecast(token, query).path("total").path("commit").asString();
    }
}
