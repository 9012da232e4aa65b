package com.quota.performance.kpi;

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
 * Opportunity and contract events in, scorecard values out: win rate, conversion rate, sales velocity, new customers,
 * cost ratio and collection rate of a seller for a period, each event applied once (a payment redelivered after a later one changes nothing).
 * The REP template belongs to ScorecardIT (one template per role in the shared database), so this class scores its
 * seller with the DIRECTOR template.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiSourcesIT extends AbstractPerformanceServiceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant OPENED = Instant.parse("2026-07-01T02:00:00Z");   // 1 July in Asia/Shanghai

    private final UUID unit = UUID.randomUUID();
    private final UUID otherUnit = UUID.randomUUID();
    private final UUID manager = UUID.randomUUID();
    private final UUID seller = UUID.randomUUID();
    private final UUID colleague = UUID.randomUUID();
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
        // the colleague (a co-owner) sits in another team: ranking the seller's team needs no REP template
        events.team(unit, manager, List.of());
        events.team(otherUnit, UUID.randomUUID(), List.of(colleague));
        events.person(seller, "DIRECTOR", unit);
        await().atMost(PATIENCE).until(() -> directory.rep(seller).blockOptional().isPresent()
                && directory.unitOf(colleague, LocalDate.of(2026, 9, 30)).blockOptional().isPresent());
        String suffix = unit.toString().substring(0, 8).toUpperCase();
        List<Map<String, Object>> weights = List.of(
                weight(kpi("WIN_" + suffix, "WIN_RATE", "20", "60"), "20"),
                weight(kpi("VELOCITY_" + suffix, "SALES_VELOCITY", "0", "10000"), "20"),
                weight(kpi("NEW_" + suffix, "NEW_CUSTOMERS", "0", "4"), "15"),
                weight(kpi("COLLECT_" + suffix, "COLLECTION_RATE", "0", "100"), "15"),
                weight(kpi("CONVERT_" + suffix, "CONVERSION_RATE", "0", "50"), "15"),
                // lower is better: the threshold is above the target (DOMAIN.md: 20 % → 0, 10 % → 100)
                weight(kpi("COST_" + suffix, "COST_RATIO", "20", "10"), "15"));
        client.post().uri("/api/scorecards/templates").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Deal KPIs", "role", "DIRECTOR", "kpis", weights))
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

    private static Map<String, Object> weight(String kpiId, String percent) {
        return Map.of("kpiId", kpiId, "weightPercent", percent);
    }

    private Map<UUID, String> owners(Object... repAndSplit) {
        Map<UUID, String> owners = new LinkedHashMap<>();
        for (int i = 0; i < repAndSplit.length; i += 2) {
            owners.put((UUID) repAndSplit[i], (String) repAndSplit[i + 1]);
        }
        return owners;
    }

    private void opportunity(String type, UUID eventId, UUID opportunity, ObjectNode payload, Instant at) {
        events.send(Topics.PIPELINE_OPPORTUNITY, type, eventId, opportunity.toString(), payload, at);
    }

    private void opened(UUID opportunity, Map<UUID, String> owners) {
        opportunity("OpportunityCreated", UUID.randomUUID(), opportunity,
                PerformanceEvents.opportunity("OpportunityCreated", opportunity, owners), OPENED);
    }

    private void won(UUID eventId, UUID opportunity, Map<UUID, String> owners, String closeDate, String amount, boolean firstWin) {
        opportunity("OpportunityWon", eventId, opportunity, PerformanceEvents.opportunityWon(opportunity, owners,
                LocalDate.parse(closeDate), amount, firstWin), Instant.now());
    }

    private void contract(String type, UUID eventId, UUID contract, ObjectNode payload) {
        events.send(Topics.CONTRACTS_CONTRACT, type, eventId, contract.toString(), payload);
    }

    @SuppressWarnings("unchecked")
    private Map<String, BigDecimal> actuals(String periodKey) {
        Map<String, Object> body = client.get().uri("/api/scorecards/reps/{rep}?periodKey={period}", seller, periodKey)
                .header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (Map<String, Object> kpi : (List<Map<String, Object>>) body.get("kpis")) {
            Object actual = kpi.get("actualValue");
            values.put((String) kpi.get("measure"), actual == null ? null : new BigDecimal(actual.toString()));
        }
        values.put("SCORE", new BigDecimal(body.get("score").toString()));
        return values;
    }

    @SuppressWarnings("unchecked")
    private Map<String, BigDecimal> kpiScores(String periodKey) {
        Map<String, Object> body = client.get().uri("/api/scorecards/reps/{rep}?periodKey={period}", seller, periodKey)
                .header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<String, BigDecimal> scores = new LinkedHashMap<>();
        for (Map<String, Object> kpi : (List<Map<String, Object>>) body.get("kpis")) {
            scores.put((String) kpi.get("measure"), new BigDecimal(kpi.get("score").toString()));
        }
        return scores;
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void opportunityEventsGiveWinRateSalesVelocityAndNewCustomers() {
        Map<UUID, String> alone = owners(seller, "100");
        Map<UUID, String> shared = owners(seller, "50", colleague, "50");
        UUID first = UUID.randomUUID();     // won 31 July: 30-day cycle, 100,000, the account's first win
        UUID split = UUID.randomUUID();     // won 30 August: 60-day cycle, 300,000 shared 50/50, a first win
        UUID lost = UUID.randomUUID();
        UUID stillOpen = UUID.randomUUID();
        UUID reopened = UUID.randomUUID();  // won, then reopened: open again, no longer a win
        opened(first, alone);
        opened(split, shared);
        opened(lost, alone);
        opened(stillOpen, alone);
        opened(reopened, alone);
        UUID firstWon = UUID.randomUUID();
        won(firstWon, first, alone, "2026-07-31", "100000.00", true);
        won(UUID.randomUUID(), split, shared, "2026-08-30", "300000.00", true);
        ObjectNode loss = PerformanceEvents.opportunity("OpportunityLost", lost, alone);
        loss.put("closeDate", "2026-08-15");
        opportunity("OpportunityLost", UUID.randomUUID(), lost, loss, Instant.now());
        UUID reopenedWin = UUID.randomUUID();
        won(reopenedWin, reopened, alone, "2026-08-01", "500000.00", false);
        opportunity("OpportunityReopened", UUID.randomUUID(), reopened,
                PerformanceEvents.opportunity("OpportunityReopened", reopened, alone), Instant.now());
        won(firstWon, first, alone, "2026-07-31", "100000.00", true);   // redelivered: the same state, counted once
        await().atMost(PATIENCE).until(() -> count("select count(*) from opportunity_fact where opportunity_id = '" + reopened
                + "' and status = 'OPEN'") == 1);

        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, BigDecimal> q3 = actuals("FY2026-Q3");
            // won 2 of 3 closed; 2 open (stillOpen, reopened) × average won 125,000 × 2/3 ÷ 45 days = 3,703.70 a day
            assertThat(q3.get("WIN_RATE")).isEqualByComparingTo("66.67");
            assertThat(q3.get("SALES_VELOCITY")).isEqualByComparingTo("3703.70");
            assertThat(q3.get("NEW_CUSTOMERS")).isEqualByComparingTo("2");
            // conversion: of the 5 deals opened on 1 July (Q3), 2 are won now (the reopened one is open again)
            assertThat(q3.get("CONVERSION_RATE")).isEqualByComparingTo("40.00");
        });
        // the reopened deal left August; a month without closes has no win rate (null, not 0)
        Map<String, BigDecimal> august = actuals("FY2026-M08");
        assertThat(august.get("WIN_RATE")).isEqualByComparingTo("50.00");
        assertThat(actuals("FY2026-M06").get("WIN_RATE")).isNull();
        assertThat(count("select count(*) from opportunity_fact_owner where opportunity_id = '" + split + "'")).isEqualTo(2);
    }

    @Test
    void activityCostsOverBookingsGiveTheCostRatioAtTheOwnersShareEachEventOnce() {
        Map<UUID, String> alone = owners(seller, "100");
        Map<UUID, String> shared = owners(seller, "50", colleague, "50");
        UUID deal = UUID.randomUUID();
        UUID sharedDeal = UUID.randomUUID();
        // bookings of May: 200,000 (attainment's figure of the seller for the month)
        events.send(Topics.TARGETS_ATTAINMENT, "AttainmentChanged", UUID.randomUUID(), seller.toString(),
                PerformanceEvents.attainmentChanged(seller, "BOOKINGS", "OpportunityWon", UUID.randomUUID(), null,
                        LocalDate.parse("2026-05-08"), "200000.00", "200000.00", "1000000.00"));
        UUID sharedVisit = UUID.randomUUID();
        opportunity("OpportunityActivityLogged", UUID.randomUUID(), sharedDeal, PerformanceEvents.activityLogged(sharedVisit,
                sharedDeal, shared, LocalDate.parse("2026-05-12"), "20000.00"), Instant.now());
        UUID demoEvent = UUID.randomUUID();
        ObjectNode demo = PerformanceEvents.activityLogged(UUID.randomUUID(), deal, alone, LocalDate.parse("2026-05-20"), "5000.00");
        opportunity("OpportunityActivityLogged", demoEvent, deal, demo, Instant.now());
        opportunity("OpportunityActivityLogged", UUID.randomUUID(), deal, PerformanceEvents.activityLogged(UUID.randomUUID(),
                deal, alone, LocalDate.parse("2026-05-21"), null), Instant.now());   // a call without cost
        opportunity("OpportunityActivityLogged", UUID.randomUUID(), deal, PerformanceEvents.activityLogged(UUID.randomUUID(),
                deal, alone, LocalDate.parse("2026-07-03"), "999.00"), Instant.now());   // July: another period
        opportunity("OpportunityActivityLogged", demoEvent, deal, demo, Instant.now());   // redelivered: counted once
        UUID last = UUID.randomUUID();
        opportunity("OpportunityActivityLogged", last, deal, PerformanceEvents.activityLogged(UUID.randomUUID(),
                deal, alone, LocalDate.parse("2026-05-25"), "0.00"), Instant.now());
        await().atMost(PATIENCE).until(() -> count("select count(*) from activity_cost where event_id = '" + last + "'") == 1);
        assertThat(count("select count(*) from activity_cost where activity_id = '" + sharedVisit + "'")).isEqualTo(2);
        assertThat(count("select count(*) from activity_cost where event_id = '" + demoEvent + "'")).isEqualTo(1);

        await().atMost(PATIENCE).untilAsserted(() ->
                // the seller's half of 20,000 plus 5,000 = 15,000 ÷ 200,000 bookings = 7.50 %
                assertThat(actuals("FY2026-M05").get("COST_RATIO")).isEqualByComparingTo("7.50"));
        // lower is better: 7.5 % is below the 10 % target, so it scores above 100 (20 − 7.5) ÷ (20 − 10) × 100 = 125 → cap 120
        assertThat(kpiScores("FY2026-M05").get("COST_RATIO")).isEqualByComparingTo("120.00");
        // a month without bookings has no cost ratio (null, not 0)
        assertThat(actuals("FY2026-M07").get("COST_RATIO")).isNull();
    }

    @Test
    void contractEventsGiveTheCollectionRateAtTheOwnersShareEachEventOnce() {
        Map<UUID, String> alone = owners(seller, "100");
        Map<UUID, String> shared = owners(seller, "50", colleague, "50");
        UUID whole = UUID.randomUUID();
        UUID half = UUID.randomUUID();
        contract("ContractSigned", UUID.randomUUID(), whole,
                PerformanceEvents.contract("ContractSigned", whole, alone, LocalDate.parse("2026-10-05"), "200000.00"));
        UUID firstPayment = UUID.randomUUID();
        ObjectNode first = PerformanceEvents.paymentReceived(whole, alone, "50000.00", "50000.00");
        contract("PaymentReceived", firstPayment, whole, first);
        contract("PaymentReceived", UUID.randomUUID(), whole, PerformanceEvents.paymentReceived(whole, alone, "30000.00", "80000.00"));
        contract("PaymentReceived", firstPayment, whole, first);   // redelivered after a later payment: collected stays 80,000
        // a later event of the same contract (same partition, so after the redelivery) that does not carry collections
        UUID amended = UUID.randomUUID();
        contract("ContractAmended", amended, whole,
                PerformanceEvents.contract("ContractAmended", whole, alone, LocalDate.parse("2026-10-05"), "200000.00"));
        contract("ContractSigned", UUID.randomUUID(), half,
                PerformanceEvents.contract("ContractSigned", half, shared, LocalDate.parse("2026-11-02"), "100000.00"));
        // terminated: 60,000 in force, 30,000 collected; the seller's half counts
        ObjectNode terminated = PerformanceEvents.contractTerminated(half, UUID.randomUUID(), seller,
                LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-20"));
        terminated.set("owners", PerformanceEvents.contract("ContractSigned", half, shared, null, null).get("owners"));
        for (String field : List.of("valueInForce", "reportingValueInForce")) {
            ((ObjectNode) terminated.get(field)).put("amount", "60000.00").put("currency", "CNY");
        }
        for (String field : List.of("collectedToDate", "reportingCollectedToDate")) {
            ((ObjectNode) terminated.get(field)).put("amount", "30000.00").put("currency", "CNY");
        }
        UUID termination = UUID.randomUUID();
        contract("ContractTerminated", termination, half, terminated);
        await().atMost(PATIENCE).until(() -> count("select count(*) from contract_fact where contract_id = '" + half
                + "' and status = 'TERMINATED'") == 1
                && count("select count(*) from contract_fact where last_event = '" + amended + "'") == 1);
        assertThat(count("select count(*) from contract_fact where contract_id = '" + whole + "' and reporting_collected = 80000")).isEqualTo(1);

        await().atMost(PATIENCE).untilAsserted(() ->
                // (80,000 + 15,000) ÷ (200,000 + 30,000) = 41.30 %
                assertThat(actuals("FY2026-Q4").get("COLLECTION_RATE")).isEqualByComparingTo("41.30"));
        assertThat(actuals("FY2026-M10").get("COLLECTION_RATE")).isEqualByComparingTo("40.00");
        // the termination is the clawback trigger as before, once per owner
        assertThat(count("select count(*) from contract_termination where event_id = '" + termination + "'")).isEqualTo(2);
    }
}
