package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.quota.pipeline.api.PipelineTestApi.owner;
import static org.assertj.core.api.Assertions.assertThat;

/** The opportunity lifecycle over HTTP: every transition, its history and its events checked against event-contracts. */
class OpportunityLifecycleIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    OrgFixture org;

    PipelineTestApi api;
    UUID pipeline;
    UUID account;
    UUID liu;
    UUID chen;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        org = new OrgFixture(brokers, db);
        liu = org.rep();
        chen = org.rep();
        pipeline = api.createPipeline();
        account = api.createAccount(liu, "EAST", "ENTERPRISE");
    }

    @Test
    void aDealMovesThroughItsStagesChangesOwnersAndIsWonWithEveryEventValid() {
        String rep = TestTokens.rep(liu);
        JsonNode created = api.createOpportunity(rep, account, pipeline, "180000.00", "CNY", null);
        UUID id = UUID.fromString(created.path("id").asString());
        assertThat(created.path("stage").path("code").asString()).isEqualTo("P1");
        assertThat(created.path("owners").get(0).path("repId").asString()).isEqualTo(liu.toString());
        assertThat(created.path("version").asLong()).isZero();

        api.ok(api.post(rep, "/api/opportunities/" + id + "/advance", null));
        api.ok(api.post(rep, "/api/opportunities/" + id + "/advance", Map.of("stage", "P3")));
        api.ok(api.post(rep, "/api/opportunities/" + id + "/move-back", null));
        api.ok(api.put(rep, "/api/opportunities/" + id + "/owners", "\"3\"", Map.of(
                "owners", List.of(owner(liu, "60", true), owner(chen, "40", false)),
                "reason", "Chen supports the application")));
        JsonNode transferred = api.ok(api.post(TestTokens.director(UUID.randomUUID()), "/api/opportunities/" + id + "/transfer",
                Map.of("toRepId", chen, "reason", "Liu moved north")));
        assertThat(transferred.path("stage").path("code").asString()).as("a transfer never resets the stage").isEqualTo("P2");
        String chenToken = TestTokens.rep(chen);
        JsonNode won = api.ok(api.post(chenToken, "/api/opportunities/" + id + "/win",
                Map.of("closeDate", today.toString(), "reason", "Best service package")));
        assertThat(won.path("status").asString()).isEqualTo("WON");
        assertThat(won.path("reportingAmount").path("amount").asString()).isEqualTo("180000.00");

        List<JsonNode> events = api.events(id);
        assertThat(events).extracting(e -> e.path("_eventType").asString()).containsExactly(
                "OpportunityCreated", "OpportunityStageChanged", "OpportunityStageChanged", "OpportunityStageChanged",
                "OpportunityTransferred", "OpportunityTransferred", "OpportunityWon");
        assertThat(events.get(3).path("direction").asString()).isEqualTo("MOVED_BACK");
        assertThat(events.get(4).path("kind").asString()).isEqualTo("SPLIT_CHANGE");
        assertThat(events.get(5).path("kind").asString()).isEqualTo("TRANSFER");
        JsonNode wonEvent = events.get(6);
        assertThat(wonEvent.path("firstWinOfAccount").asBoolean()).isTrue();
        assertThat(wonEvent.path("owners").get(0).path("repId").asString()).isEqualTo(chen.toString());
        assertThat(wonEvent.path("closeDate").asString()).isEqualTo(today.toString());
        assertThat(wonEvent.path("previousStage").isMissingNode()).isTrue();

        JsonNode history = api.ok(api.get(chenToken, "/api/opportunities/" + id + "/stage-history"));
        assertThat(history.path("items")).extracting(v -> v.path("code").asString())
                .containsExactly("P1", "P2", "P3", "P2", "WON");
        assertThat(history.path("items").get(0).path("leftOn").asString()).isEqualTo(today.toString());
        assertThat(history.path("items").get(4).path("leftOn").isNull()).isTrue();
        JsonNode ownership = api.ok(api.get(chenToken, "/api/opportunities/" + id + "/ownership-history"));
        assertThat(ownership.path("items")).extracting(v -> v.path("kind").asString())
                .containsExactly("CREATED", "SPLIT_CHANGE", "TRANSFER");
        assertThat(ownership.path("items").get(2).path("reason").asString()).isEqualTo("Liu moved north");
    }

    @Test
    void winsOfOneAccountAtTheSameMomentHaveExactlyOneFirstWin() throws Exception {
        // found by the chaos proof: concurrent wins each saw no other win, so NEW_CUSTOMERS was credited several times
        String rep = TestTokens.rep(liu);
        UUID fresh = api.createAccount(liu, "EAST", "ENTERPRISE");
        List<UUID> deals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deals.add(UUID.fromString(api.createOpportunity(rep, fresh, pipeline, "100.00", "CNY", null).path("id").asString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(deals.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> wins = deals.stream().map(id -> pool.submit(() -> {
                start.await();
                return api.ok(api.post(rep, "/api/opportunities/" + id + "/win", null));
            })).toList();
            start.countDown();
            for (Future<JsonNode> win : wins) {
                assertThat(win.get(60, TimeUnit.SECONDS).path("status").asString()).isEqualTo("WON");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(deals.stream().map(id -> api.events(id).stream()
                .filter(e -> e.path("_eventType").asString().equals("OpportunityWon")).findFirst().orElseThrow())
                .filter(won -> won.path("firstWinOfAccount").asBoolean()).count()).isEqualTo(1);
    }

    @Test
    void aSecondWinOfTheSameAccountIsNotItsFirstAndAReopenedWinCarriesTheFixedAmount() {
        String rep = TestTokens.rep(liu);
        UUID first = UUID.fromString(api.createOpportunity(rep, account, pipeline, "1000.00", "CNY", null).path("id").asString());
        UUID second = UUID.fromString(api.createOpportunity(rep, account, pipeline, "2000.00", "CNY", null).path("id").asString());
        api.ok(api.post(rep, "/api/opportunities/" + first + "/win", null));
        api.ok(api.post(rep, "/api/opportunities/" + second + "/win", null));
        assertThat(api.events(second).get(1).path("firstWinOfAccount").asBoolean()).isFalse();

        JsonNode reopened = api.ok(api.post(rep, "/api/opportunities/" + first + "/reopen", Map.of("reason", "PO withdrawn")));
        assertThat(reopened.path("status").asString()).isEqualTo("OPEN");
        assertThat(reopened.path("stage").path("code").asString()).isEqualTo("P1");
        JsonNode event = api.events(first).get(2);
        assertThat(event.path("_eventType").asString()).isEqualTo("OpportunityReopened");
        assertThat(event.path("previousStatus").asString()).isEqualTo("WON");
        assertThat(event.path("reportingAmount").path("amount").asString()).isEqualTo("1000.00");
    }

    @Test
    void aLossNeedsItsReviewAndIsPublishedWithTheStageItWasLostFrom() {
        String rep = TestTokens.rep(liu);
        UUID id = UUID.fromString(api.createOpportunity(rep, account, pipeline, "5000.00", "CNY", null).path("id").asString());
        api.ok(api.post(rep, "/api/opportunities/" + id + "/advance", null));

        api.problem(api.post(rep, "/api/opportunities/" + id + "/lose", Map.of("reason", "Price")), 400, "validation-failed");
        JsonNode future = api.problem(api.post(rep, "/api/opportunities/" + id + "/lose", Map.of("reason", "Price",
                "competitor", "Beifang", "closeDate", today.plusDays(1).toString())), 400, "validation-failed");
        assertThat(future.path("errors").get(0).path("field").asString()).isEqualTo("closeDate");
        assertThat(api.eventCount(id)).isEqualTo(2);

        JsonNode lost = api.ok(api.post(rep, "/api/opportunities/" + id + "/lose",
                Map.of("reason", "Price", "competitor", "Beifang")));
        assertThat(lost.path("lossReason").asString()).isEqualTo("Price");
        JsonNode event = api.events(id).get(2);
        assertThat(event.path("_eventType").asString()).isEqualTo("OpportunityLost");
        assertThat(event.path("previousStage").path("name").asString()).isEqualTo("Proposal");
        assertThat(event.path("competitor").asString()).isEqualTo("Beifang");

        api.ok(api.post(rep, "/api/opportunities/" + id + "/archive", null));
        JsonNode refused = api.problem(api.post(rep, "/api/opportunities/" + id + "/reopen", Map.of("reason", "x")),
                409, "transition-not-allowed");
        assertThat(refused.path("allowedTransitions").size()).isZero();
    }

    @Test
    void aSuspendedDealCannotBeWonAndTheRefusalNamesWhatIsAllowed() {
        String rep = TestTokens.rep(liu);
        UUID id = UUID.fromString(api.createOpportunity(rep, account, pipeline, "5000.00", "CNY", null).path("id").asString());
        api.ok(api.post(rep, "/api/opportunities/" + id + "/suspend", Map.of("reason", "budget freeze")));
        JsonNode refused = api.problem(api.post(rep, "/api/opportunities/" + id + "/win", null), 409, "transition-not-allowed");
        assertThat(refused.path("allowedTransitions")).extracting(JsonNode::asString).contains("reactivate", "terminate")
                .doesNotContain("win");
        assertThat(api.eventCount(id)).isEqualTo(1);
        JsonNode back = api.ok(api.post(rep, "/api/opportunities/" + id + "/reactivate", null));
        assertThat(back.path("status").asString()).isEqualTo("OPEN");
        api.ok(api.post(rep, "/api/opportunities/" + id + "/terminate", Map.of("reason", "customer closed")));
        api.problem(api.post(rep, "/api/opportunities/" + id + "/reactivate", null), 409, "transition-not-allowed");
    }

    @Test
    void aWinWithoutARateForItsCurrencyAndDateIs422AndChangesNothing() {
        api.ok(api.put(TestTokens.admin(), "/api/fx-rates/USD/" + today, null, Map.of("rate", "7.1234")));
        String rep = TestTokens.rep(liu);
        JsonNode created = api.createOpportunity(rep, account, pipeline, "180000.00", "USD", null);
        UUID id = UUID.fromString(created.path("id").asString());
        api.problem(api.post(rep, "/api/opportunities/" + id + "/win",
                Map.of("closeDate", today.minusDays(400).toString())), 422, "fx-rate-missing");
        JsonNode still = api.ok(api.get(rep, "/api/opportunities/" + id));
        assertThat(still.path("status").asString()).isEqualTo("OPEN");
        assertThat(still.path("version").asLong()).isZero();
        assertThat(api.eventCount(id)).isEqualTo(1);

        JsonNode won = api.ok(api.post(rep, "/api/opportunities/" + id + "/win", null));
        assertThat(won.path("reportingAmount").path("amount").asString()).isEqualTo("1282212.00");
        assertThat(won.path("fxRate").asString()).isEqualTo("7.1234");
        JsonNode event = api.events(id).get(1);
        assertThat(event.path("fxRateDate").asString()).isEqualTo(today.toString());
        assertThat(event.path("amount").path("currency").asString()).isEqualTo("USD");
    }

    @Test
    void badInputIsASpecificProblemWithNothingWritten() {
        String rep = TestTokens.rep(liu);
        long before = db.sql("SELECT count(*) AS n FROM opportunity").map(r -> r.get("n", Long.class)).one().block();
        JsonNode splits = api.problem(api.post(rep, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "100.00", "CNY", List.of(owner(liu, "60", true), owner(chen, "30", false)))), 422, "splits-invalid");
        assertThat(splits.path("detail").asString()).contains("sum to 100");
        api.problem(api.post(rep, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "0", "CNY", null)), 400, "validation-failed");
        api.problem(api.post(rep, "/api/opportunities", PipelineTestApi.opportunityBody(UUID.randomUUID(), pipeline,
                "10.00", "CNY", null)), 422, "account-unknown");
        Map<String, Object> badStage = new java.util.HashMap<>(PipelineTestApi.opportunityBody(account, pipeline, "10.00", "CNY", null));
        badStage.put("stage", "NOPE");
        api.problem(api.post(rep, "/api/opportunities", badStage), 422, "stage-unknown");
        api.problem(api.post(rep, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "10.00", "XXX", null)), 400, "validation-failed");
        api.problem(api.post(rep, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "10.00", "EUR", null)), 422, "fx-rate-missing");
        long after = db.sql("SELECT count(*) AS n FROM opportunity").map(r -> r.get("n", Long.class)).one().block();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesNothingTwice() {
        String rep = TestTokens.rep(liu);
        Map<String, Object> body = PipelineTestApi.opportunityBody(account, pipeline, "700.00", "CNY", null);
        String key = "retry-" + UUID.randomUUID();
        JsonNode first = api.ok(client.post().uri("/api/opportunities").header("Authorization", "Bearer " + rep)
                .header("Idempotency-Key", key).bodyValue(body).exchange().expectStatus().isCreated());
        JsonNode again = api.ok(client.post().uri("/api/opportunities").header("Authorization", "Bearer " + rep)
                .header("Idempotency-Key", key).bodyValue(body).exchange().expectStatus().isCreated());
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        UUID id = UUID.fromString(first.path("id").asString());
        assertThat(api.eventCount(id)).isEqualTo(1);
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("title", "Another deal");
        api.problem(client.post().uri("/api/opportunities").header("Authorization", "Bearer " + rep)
                .header("Idempotency-Key", key).bodyValue(other).exchange(), 422, "idempotency-key-reused");
    }

    @Test
    void updatesNeedACurrentIfMatch() {
        String rep = TestTokens.rep(liu);
        UUID id = UUID.fromString(api.createOpportunity(rep, account, pipeline, "5000.00", "CNY", null).path("id").asString());
        api.problem(api.put(rep, "/api/opportunities/" + id, null, Map.of("title", "New")), 428, "precondition-required");
        api.problem(api.put(rep, "/api/opportunities/" + id, "\"7\"", Map.of("title", "New")), 412, "precondition-failed");
        JsonNode updated = api.ok(api.put(rep, "/api/opportunities/" + id, "\"0\"", Map.of("title", "New", "amount", "6000")));
        assertThat(updated.path("title").asString()).isEqualTo("New");
        assertThat(updated.path("amount").path("amount").asString()).isEqualTo("6000.00");
        // a command checks If-Match when it is sent
        api.problem(client.post().uri("/api/opportunities/" + id + "/advance")
                .header("Authorization", "Bearer " + rep).header("If-Match", "\"0\"").exchange(), 412, "precondition-failed");
        assertThat(api.eventCount(id)).isEqualTo(1);
    }
}
