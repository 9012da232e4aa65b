package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.pipeline.forecast.application.ForecastQueries;
import com.quota.pipeline.forecast.application.ForecastQueries.Who;
import com.quota.pipeline.funnel.FunnelReport;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The funnel facts kept on write (V7) answer exactly what the derivation from the stage history answers: random
 * sequences of moves through the API (create, advance, move back, win and lose on past days, reopen, suspend,
 * reactivate, terminate, archive, amount and currency changes, transfer), then every figure of both paths compared.
 */
class FunnelFactsIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    ForecastQueries queries;

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    PipelineTestApi api;
    UUID rep;
    UUID otherRep;
    UUID account;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    /** One move: which deal, what, and a free parameter (stage, days back, reason, amount). */
    record Move(int deal, int action, int param) {
        @Override
        public String toString() {
            return "deal " + deal + " " + ACTIONS[action] + "(" + param + ")";
        }
    }

    static final String[] ACTIONS = {"advance", "move-back", "win", "lose", "reopen", "suspend", "reactivate", "terminate",
            "archive", "amount", "transfer", "advance-to"};

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        OrgFixture org = new OrgFixture(brokers, db);
        rep = org.rep();
        otherRep = org.rep();
        account = api.createAccount(rep, "EAST", "ENTERPRISE");
        // an SGD rate long in force: SGD deals convert by it, before and after a win on a past day (a currency no other
        // test uses, so no other test's "no rate on that day" changes)
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/SGD/2020-01-02", null, Map.of("rate", "5.3311")));
    }

    @Test
    void theFactsAnswerWhatTheStageHistoryAnswersAfterRandomMovesThroughTheApi() {
        qt().withExamples(10).withShrinkCycles(20)
                .forAll(integers().between(1, 4),
                        lists().of(integers().between(0, Integer.MAX_VALUE).map(n -> new Move(n % 4, (n / 4) % ACTIONS.length,
                                n / (4 * ACTIONS.length) % 40))).ofSizeBetween(0, 12))
                .checkAssert((deals, moves) -> {
                    UUID pipeline = api.createPipeline();
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < deals; i++) {
                        ids.add(create(pipeline, i));
                    }
                    for (Move move : moves) {
                        apply(ids.get(move.deal() % ids.size()), move);
                    }
                    assertBothPathsAgree(pipeline, ids.size());
                });
    }

    @Test
    void aFunnelOfThePastIsDerivedFromTheHistoryAndAFunnelOfTodayFromTheFacts() {
        UUID pipeline = api.createPipeline();
        UUID won = create(pipeline, 0);
        UUID lost = create(pipeline, 1);
        create(pipeline, 2);
        String token = TestTokens.rep(rep);
        attempt(token, "/api/opportunities/" + won + "/advance", null);
        attempt(token, "/api/opportunities/" + won + "/win", Map.of("closeDate", today.minusDays(3).toString()));
        attempt(token, "/api/opportunities/" + lost + "/lose", Map.of("closeDate", today.minusDays(1).toString(),
                "reason", "Price", "competitor", "Beifang"));
        assertThat(lastDay(pipeline)).isEqualTo(today);
        FunnelReport now = funnel(director(), pipeline, today.minusDays(30), today, null);
        assertThat(now.won()).isEqualTo(1);
        assertThat(now.lost()).isEqualTo(1);
        assertThat(now.open()).isEqualTo(1);
        assertThat(now.averageCycleDays()).as("won 3 days before its creation: a cycle never below 0").isEqualByComparingTo("0");
        // yesterday: every deal was created today, so none counts; the history answers (a deal changed after the day)
        FunnelReport yesterday = funnel(director(), pipeline, today.minusDays(30), today, today.minusDays(1));
        assertThat(yesterday.won() + yesterday.lost() + yesterday.open()).isZero();
        assertThat(yesterday).isEqualTo(fromHistory(director(), pipeline, today.minusDays(30), today, today.minusDays(1)));
        // the facts and the HTTP answer are the same figures
        JsonNode http = api.ok(api.get(token, "/api/forecast/funnel?pipelineId=" + pipeline + "&from=" + today.minusDays(30)
                + "&to=" + today));
        assertThat(http.path("won").asInt()).isEqualTo(1);
        assertThat(http.path("lossesByReason").get(0).path("key").asString()).isEqualTo("Price");
    }

    private UUID create(UUID pipeline, int i) {
        String currency = i % 2 == 0 ? "CNY" : "SGD";
        Map<String, Object> body = new HashMap<>(PipelineTestApi.opportunityBody(account, pipeline,
                (1000 + 137 * i) + ".35", currency, null));
        body.put("stage", "P" + (1 + i % 3));
        return UUID.fromString(api.ok(api.post(TestTokens.rep(rep), "/api/opportunities", body)).path("id").asString());
    }

    /** Tries the move; a refused transition (4xx) is part of the game, a 5xx never. */
    private void apply(UUID id, Move move) {
        String token = TestTokens.rep(rep);
        String path = "/api/opportunities/" + id;
        int p = move.param();
        Map<String, Object> body = new HashMap<>();
        switch (ACTIONS[move.action()]) {
            case "advance" -> attempt(token, path + "/advance", null);
            case "move-back" -> attempt(token, path + "/move-back", null);
            case "advance-to" -> attempt(token, path + "/advance", Map.of("stage", "P" + (1 + p % 3)));
            case "win" -> {
                if (p % 2 == 1) {
                    body.put("closeDate", today.minusDays(p % 25).toString());
                }
                attempt(token, path + "/win", body);
            }
            case "lose" -> {
                body.put("reason", p % 3 == 0 ? "Price" : "Timing");
                body.put("competitor", p % 2 == 0 ? "Beifang" : "Nanhai");
                if (p % 5 > 1) {
                    body.put("closeDate", today.minusDays(p % 17).toString());
                }
                attempt(token, path + "/lose", body);
            }
            case "reopen" -> {
                body.put("reason", "back on");
                if (p % 3 > 0) {
                    body.put("stage", "P" + (p % 3));
                }
                attempt(token, path + "/reopen", body);
            }
            case "suspend" -> attempt(token, path + "/suspend", null);
            case "reactivate" -> attempt(token, path + "/reactivate", null);
            case "terminate" -> attempt(token, path + "/terminate", Map.of("reason", "gone"));
            case "archive" -> attempt(token, path + "/archive", null);
            case "amount" -> {
                long version = db.sql("SELECT version FROM opportunity WHERE id = :id").bind("id", id)
                        .map(r -> r.get("version", Long.class)).one().block();
                body.put("amount", (500 + 91 * p) + "." + (10 + p));
                EntityExchangeResult<String> result = api.put(token, path, "\"" + version + "\"", body)
                        .expectBody(String.class).returnResult();
                assertThat(result.getStatus().is5xxServerError()).as(move + ": " + result.getResponseBody()).isFalse();
            }
            case "transfer" -> attempt(TestTokens.director(UUID.randomUUID()), path + "/transfer",
                    Map.of("toRepId", p % 2 == 0 ? otherRep : rep, "reason", "territory"));
            default -> throw new IllegalStateException(move.toString());
        }
    }

    private void attempt(String token, String path, Object body) {
        EntityExchangeResult<String> result = api.post(token, path, body).expectBody(String.class).returnResult();
        assertThat(result.getStatus().is5xxServerError()).as(path + ": " + result.getResponseBody()).isFalse();
    }

    private void assertBothPathsAgree(UUID pipeline, int deals) {
        assertThat(db.sql("SELECT count(*) AS n FROM funnel_deal WHERE pipeline_id = :p").bind("p", pipeline)
                .map(r -> r.get("n", Long.class)).one().block()).as("every deal has its facts").isEqualTo(deals);
        assertThat(lastDay(pipeline)).as("today's funnel reads the facts").isBeforeOrEqualTo(today);
        Caller director = director();
        Caller owner = new Caller("rep", Set.of(Role.REP), rep, Set.of());
        for (LocalDate from : List.of(today.minusDays(30), today)) {
            FunnelReport facts = funnel(director, pipeline, from, today, null);
            assertThat(facts.won() + facts.lost() + facts.open()).isEqualTo(deals);
            assertThat(facts).isEqualTo(fromHistory(director, pipeline, from, today, null));
            assertThat(funnel(owner, pipeline, from, today, null)).isEqualTo(fromHistory(owner, pipeline, from, today, null));
        }
        // the rep's own funnel (transferred deals leave it) and a window without the deals
        Who mine = new Who(rep, pipeline);
        assertThat(queries.funnel(director, mine, today.minusDays(5), today, null).block())
                .isEqualTo(queries.funnelFromHistory(director, mine, today.minusDays(5), today, null).block());
        assertThat(funnel(director, pipeline, today.minusDays(9), today.minusDays(1), null))
                .isEqualTo(fromHistory(director, pipeline, today.minusDays(9), today.minusDays(1), null));
    }

    private LocalDate lastDay(UUID pipeline) {
        return db.sql("SELECT max(last_day) AS d FROM funnel_deal WHERE pipeline_id = :p").bind("p", pipeline)
                .map(r -> r.get("d", LocalDate.class)).one().block();
    }

    private static Caller director() {
        return new Caller("director", Set.of(Role.DIRECTOR), UUID.randomUUID(), Set.of());
    }

    private FunnelReport funnel(Caller caller, UUID pipeline, LocalDate from, LocalDate to, LocalDate asOf) {
        return queries.funnel(caller, new Who(null, pipeline), from, to, asOf).block();
    }

    private FunnelReport fromHistory(Caller caller, UUID pipeline, LocalDate from, LocalDate to, LocalDate asOf) {
        return queries.funnelFromHistory(caller, new Who(null, pipeline), from, to, asOf).block();
    }
}
