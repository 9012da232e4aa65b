package com.quota.targets.attainment;

import com.quota.calendar.PeriodKey;
import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.messaging.outbox.EventIds;
import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgReplicaStore;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.RepState;
import com.quota.targets.AbstractTargetServiceIT;
import com.quota.targets.OrgFixture;
import com.quota.testsupport.security.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attainment ledger end to end: golden source events published to the real topics, credited through the inbox,
 * rolled up by membership on the credit date, counted once, reversed and adjusted, read back through the API and
 * announced as schema-valid AttainmentChanged events with name-based ids.
 */
class AttainmentLedgerIT extends AbstractTargetServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private OrgReplicaStore org;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private com.quota.targets.attainment.application.CompanyCalendar companyCalendar;
    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    private KafkaTemplate<String, byte[]> kafka;

    // a fresh tree per test: company > region > teams A and B; reps li, liu in A, wang in B
    private final UUID company = UUID.randomUUID();
    private final UUID region = UUID.randomUUID();
    private final UUID teamA = UUID.randomUUID();
    private final UUID teamB = UUID.randomUUID();
    private final UUID li = UUID.randomUUID();
    private final UUID liu = UUID.randomUUID();
    private final UUID wang = UUID.randomUUID();
    private final UUID managerOfA = UUID.randomUUID();

    @BeforeEach
    void treeAndProducer() {
        LocalDate from = LocalDate.of(2025, 1, 1);
        unit(company, null, "COMPANY", from);
        unit(region, company, "REGION", from);
        unit(teamA, region, "TEAM", from, List.of(new ManagerPeriod(managerOfA, from, null)));
        unit(teamB, region, "TEAM", from);
        rep(li, List.of(new MembershipPeriod(teamA, from, null)));
        rep(liu, List.of(new MembershipPeriod(teamA, from, null)));
        rep(wang, List.of(new MembershipPeriod(teamB, from, null)));
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    @AfterEach
    void closeProducer() {
        kafka.destroy();
    }

    @Test
    void aUnitsFiguresAsOfADayReadItsRollUpByCreditDate() {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID earlyEvent = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", early, won(early, "100.00", "2026-11-05",
                false, owner(li, "100", true)));
        UUID lateEvent = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", late, won(late, "20.00", "2026-11-25",
                false, owner(liu, "100", true)));
        awaitActual("units", company, "BOOKINGS", "FY2026-M11", "120.00");

        // as of the 10th: the partial month is read from the lines rolled up to the unit on or before that day
        assertActual("units", company, "BOOKINGS", "FY2026-M11", "100.00", "2026-11-10");
        assertActual("units", teamA, "BOOKINGS", "FY2026-M11", "100.00", "2026-11-10");
        assertActual("units", teamA, "BOOKINGS", "FY2026-M11", "120.00", "2026-11-25");
        assertThat(getJson("/api/attainment/units/" + region + "/lines?metric=BOOKINGS&period=FY2026-M11&asOf=2026-11-10")
                .get("items")).hasSize(1);
        // every roll-up row carries its line's credit date (the index path of those reads)
        for (UUID event : List.of(earlyEvent, lateEvent)) {
            List<String> dates = db.sql("SELECT DISTINCT CAST(u.credit_date AS text) AS d FROM attainment_line_unit u"
                            + " JOIN attainment_line l ON l.source_event_id = u.source_event_id AND l.rep_id = u.rep_id"
                            + " AND l.metric = u.metric WHERE u.source_event_id = :id AND u.credit_date = l.credit_date")
                    .bind("id", event).map(row -> row.get("d", String.class)).all().collectList().block();
            assertThat(dates).containsExactly(event.equals(earlyEvent) ? "2026-11-05" : "2026-11-25");
        }
        assertThat(db.sql("SELECT count(*) AS n FROM attainment_line_unit WHERE source_event_id IN (:a, :b)")
                .bind("a", earlyEvent).bind("b", lateEvent).map(row -> row.get("n", Long.class)).one().block())
                .isEqualTo(6L);
    }

    @Test
    void theDimensionLinesOfEveryUnitAddUpToItsTotal() {
        // three deals on three product lines over two channels, in two teams; one split between the teams
        String[][] deals = {{"ANALYZERS", "DIRECT", "100.10"}, {"SENSORS", "PARTNER", "200.21"}, {"SERVICES", "DIRECT", "300.33"}};
        UUID last = null;
        for (String[] deal : deals) {
            last = UUID.randomUUID();
            publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", last, withDimensions(won(last, deal[2], "2026-11-18", false,
                    owner(li, "60", true), owner(wang, "40", false)), deal[0], deal[1]));
        }
        awaitActual("units", company, "BOOKINGS", "FY2026-M11", "600.64");
        for (UUID unit : List.of(company, region, teamA, teamB)) {
            BigDecimal total = unitActual(unit, "");
            BigDecimal byProduct = BigDecimal.ZERO;
            for (String line : List.of("ANALYZERS", "SENSORS", "SERVICES")) {
                byProduct = byProduct.add(unitActual(unit, "&productLine=" + line));
            }
            BigDecimal byChannel = unitActual(unit, "&channel=DIRECT").add(unitActual(unit, "&channel=PARTNER"));
            assertThat(byProduct).as("product lines of " + unit).isEqualByComparingTo(total);
            assertThat(byChannel).as("channels of " + unit).isEqualByComparingTo(total);
            assertThat(unitActual(unit, "&productLine=CONSUMABLES")).as("a line without deals").isEqualByComparingTo("0");
        }
        assertThat(unitActual(teamA, "")).isEqualByComparingTo("360.39");    // 60.06 + 120.13 + 180.20 (largest remainder)
        assertThat(unitActual(teamA, "").add(unitActual(teamB, ""))).isEqualByComparingTo(unitActual(company, ""));
    }

    private BigDecimal unitActual(UUID unit, String dimension) {
        return new BigDecimal(getJson("/api/attainment/units/" + unit + "?metric=BOOKINGS&period=FY2026-M11&asOf=2026-12-31"
                + dimension).get("actual").get("amount").asString());
    }

    private static String withDimensions(String wonJson, String productLine, String channel) {
        var node = (tools.jackson.databind.node.ObjectNode) JSON.readTree(wonJson);
        var dimensions = (tools.jackson.databind.node.ObjectNode) node.get("dimensions");
        dimensions.put("productLine", productLine);
        dimensions.put("channel", channel);
        return JSON.writeValueAsString(node);
    }

    @Test
    void aWinWithThreeOwnersCreditsEachRepAndEveryAncestorExactly() {
        UUID opportunity = UUID.randomUUID();
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "1000000.01",
                "2026-11-18", true, owner(li, "50", true), owner(liu, "30", false), owner(wang, "20", false)));

        awaitActual("reps", li, "BOOKINGS", "FY2026-M11", "500000.01");
        assertActual("reps", liu, "BOOKINGS", "FY2026-M11", "300000.00");
        assertActual("reps", wang, "BOOKINGS", "FY2026-M11", "200000.00");
        assertActual("units", teamA, "BOOKINGS", "FY2026-M11", "800000.01");
        assertActual("units", teamB, "BOOKINGS", "FY2026-M11", "200000.00");
        assertActual("units", region, "BOOKINGS", "FY2026-M11", "1000000.01");
        assertActual("units", company, "BOOKINGS", "FY2026", "1000000.01");
        // the account's first win: one new customer for the primary owner, rolled up
        assertActual("reps", li, "NEW_CUSTOMERS", "FY2026-M11", "1");
        assertActual("units", company, "NEW_CUSTOMERS", "FY2026-Q4", "1");
        assertActual("reps", liu, "NEW_CUSTOMERS", "FY2026-M11", "0");

        // drill-down: the source event's lines and the units each rolled up to
        JsonNode lines = getJson("/api/attainment/source-events/" + eventId);
        assertThat(lines).hasSize(4);
        JsonNode liLine = find(lines, li, "BOOKINGS");
        assertThat(liLine.get("amount").get("amount").asString()).isEqualTo("500000.01");
        assertThat(liLine.get("rolledUpTo")).extracting(JsonNode::asString)
                .containsExactly(teamA.toString(), region.toString(), company.toString());
        JsonNode companyLines = getJson("/api/attainment/units/" + company
                + "/lines?metric=BOOKINGS&period=FY2026-M11&asOf=2026-11-30");
        assertThat(companyLines.get("items")).hasSize(3);

        // by dimension: the deal's product line carries the credit, another product line none
        assertThat(getJson("/api/attainment/units/" + company + "?metric=BOOKINGS&period=FY2026-M11&asOf=2026-12-31"
                + "&productLine=ANALYZERS").get("actual").get("amount").asString()).isEqualTo("1000000.01");
        assertThat(getJson("/api/attainment/units/" + company + "?metric=BOOKINGS&period=FY2026-M11&asOf=2026-12-31"
                + "&productLine=SENSORS").get("actual").get("amount").asString()).isEqualTo("0.00");

        // every AttainmentChanged of the event (BOOKINGS for 3 reps + 4 units, NEW_CUSTOMERS for li + 3 units) is valid
        await().atMost(WAIT).untilAsserted(() -> assertThat(allOutboxRows(eventId)).hasSize(11));
        for (Map<String, Object> row : allOutboxRows(eventId)) {
            assertThat(EventSchemas.validate("AttainmentChanged", row.get("payload").toString())).isEmpty();
        }
    }

    @Test
    void aFiftyFiftySplitOfAnOddCentGivesTheCentToThePrimaryOwner() {
        UUID opportunity = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "100.01", "2026-10-05", false,
                owner(li, "50", false), owner(wang, "50", true)));

        awaitActual("reps", wang, "BOOKINGS", "FY2026-M10", "50.01");
        assertActual("reps", li, "BOOKINGS", "FY2026-M10", "50.00");
        assertActual("units", company, "BOOKINGS", "FY2026-M10", "100.01");
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        UUID opportunity = UUID.randomUUID();
        String payload = won(opportunity, "1000.00", "2026-09-10", false, owner(li, "100", true));
        UUID eventId = UUID.randomUUID();
        send(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, eventId, payload);
        awaitActual("reps", li, "BOOKINGS", "FY2026-M09", "1000.00");

        send(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, eventId, payload);
        // a later event on the same key (same partition) proves the redelivery was consumed before it
        UUID later = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(later, "1.00", "2026-09-11", false,
                owner(li, "100", true)));
        awaitActual("reps", li, "BOOKINGS", "FY2026-M09", "1001.00");
        assertActual("units", company, "BOOKINGS", "FY2026-M09", "1001.00");
    }

    @Test
    void reopeningAWinReversesItsBookingsAndNewCustomer() {
        UUID opportunity = UUID.randomUUID();
        UUID winId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "333.33",
                "2026-08-03", true, owner(li, "50", true), owner(wang, "50", false)));
        awaitActual("units", company, "BOOKINGS", "FY2026-M08", "333.33");

        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityReopened", opportunity, reopened(opportunity, winId, "2026-08-20"));

        awaitActual("units", company, "BOOKINGS", "FY2026-M08", "0.00");
        assertActual("reps", li, "BOOKINGS", "FY2026-M08", "0.00");
        assertActual("reps", wang, "BOOKINGS", "FY2026-M08", "0.00");
        assertActual("reps", li, "NEW_CUSTOMERS", "FY2026-M08", "0");
        // as of a date before the reopen, the win still counts
        assertActual("reps", li, "BOOKINGS", "FY2026-M08", "166.67", "2026-08-19");
    }

    @Test
    void aContractIsCreditedAdjustedByANegativeAmendmentAndReversedWhenTerminated() {
        UUID contract = UUID.randomUUID();
        publish(Topics.CONTRACTS_CONTRACT, "ContractSigned", contract, signed(contract, "150000.00", "2026-07-01"));
        awaitActual("units", teamA, "CONTRACT_VALUE", "FY2026-M07", "150000.00");

        publish(Topics.CONTRACTS_CONTRACT, "ContractAmended", contract, amended(contract, "-10000.01", "2026-07-15"));
        awaitActual("reps", li, "CONTRACT_VALUE", "FY2026-M07", "83999.99");
        assertActual("reps", liu, "CONTRACT_VALUE", "FY2026-M07", "56000.00");
        assertActual("units", company, "CONTRACT_VALUE", "FY2026-M07", "139999.99");

        publish(Topics.CONTRACTS_CONTRACT, "PaymentReceived", contract, payment(contract, "45000.00", "2026-07-20"));
        awaitActual("reps", li, "COLLECTIONS", "FY2026-M07", "27000.00");

        publish(Topics.CONTRACTS_CONTRACT, "ContractTerminated", contract, terminated(contract, "2026-08-12"));
        // the net still credited is reversed on the termination date; July keeps its figure, the quarter nets to 0
        awaitActual("units", company, "CONTRACT_VALUE", "FY2026-M08", "-139999.99");
        assertActual("units", company, "CONTRACT_VALUE", "FY2026-Q3", "0.00");
        assertActual("reps", li, "CONTRACT_VALUE", "FY2026-Q3", "0.00");
        assertActual("reps", liu, "CONTRACT_VALUE", "FY2026-Q3", "0.00");
        // money received stays received
        assertActual("units", company, "COLLECTIONS", "FY2026-Q3", "45000.00");
    }

    @Test
    void creditRollsUpByMembershipOnTheCreditDate() {
        UUID mover = UUID.randomUUID();
        rep(mover, List.of(new MembershipPeriod(teamA, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 5, 31)),
                new MembershipPeriod(teamB, LocalDate.of(2026, 6, 1), null)));
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", before, won(before, "700.00", "2026-05-31", false,
                owner(mover, "100", true)));
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", after, won(after, "300.00", "2026-06-01", false,
                owner(mover, "100", true)));

        awaitActual("reps", mover, "BOOKINGS", "FY2026-Q2", "1000.00");
        awaitActual("units", company, "BOOKINGS", "FY2026-Q2", "1000.00");
        assertActual("units", teamA, "BOOKINGS", "FY2026-M05", "700.00");
        assertActual("units", teamA, "BOOKINGS", "FY2026-M06", "0.00");
        assertActual("units", teamB, "BOOKINGS", "FY2026-M06", "300.00");
        assertActual("units", teamB, "BOOKINGS", "FY2026-M05", "0.00");
    }

    @Test
    void attainmentChangedIsSchemaValidWithNameBasedIdsForTheRepAndEveryAncestor() {
        UUID opportunity = UUID.randomUUID();
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "2500.00",
                "2026-11-02", false, owner(wang, "100", true)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxRows(eventId)).hasSize(4));
        List<Map<String, Object>> rows = outboxRows(eventId);
        for (Map<String, Object> row : rows) {
            String payload = row.get("payload").toString();
            assertThat(EventSchemas.validate("AttainmentChanged", payload)).isEmpty();
            JsonNode json = JSON.readTree(payload);
            UUID owner = UUID.fromString(json.get("owner").get("id").asString());
            assertThat(row.get("id")).isEqualTo(EventIds.derived(eventId, json.get("owner").get("type").asString(), owner,
                    "BOOKINGS", "FY2026-M11"));
            assertThat(row.get("message_key")).isEqualTo(owner.toString());
            assertThat(json.get("delta").get("amount").asString()).isEqualTo("2500.00");
            assertThat(json.get("periods")).hasSize(3);
        }
        assertThat(rows).extracting(row -> row.get("message_key"))
                .containsExactlyInAnyOrder(wang.toString(), teamB.toString(), region.toString(), company.toString());
    }

    @Test
    void figuresAnswerWithAsOfAndRefuseBadInput() {
        UUID opportunity = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "40000.00", "2026-11-03",
                false, owner(liu, "100", true)));
        awaitActual("reps", liu, "BOOKINGS", "FY2026-M11", "40000.00");

        JsonNode figures = getJson("/api/attainment/reps/" + liu + "?metric=BOOKINGS&period=FY2026-M11&asOf=2026-11-15");
        assertThat(figures.get("elapsedPercent").asString()).isEqualTo("50.00");
        assertThat(figures.get("runRate").get("amount").asString()).isEqualTo("80000.00");
        assertThat(figures.get("monthToDate").get("amount").asString()).isEqualTo("40000.00");

        JsonNode team = getJson("/api/attainment/units/" + teamA + "/children?metric=BOOKINGS&period=FY2026-M11"
                + "&asOf=2026-11-30&sort=actual,desc");
        assertThat(team.get("children").get(0).get("owner").get("id").asString()).isEqualTo(liu.toString());
        JsonNode series = getJson("/api/attainment/reps/" + liu + "/series?metric=BOOKINGS&fiscalYear=2026&asOf=2026-12-31");
        assertThat(series.get("months")).hasSize(12);
        assertThat(series.get("months").get(10).get("actual").get("amount").asString()).isEqualTo("40000.00");

        client.get().uri("/api/attainment/reps/" + liu + "?metric=REVENUE&period=FY2026-M11")
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://quota.example/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("metric");
        client.get().uri("/api/attainment/reps/" + liu + "?metric=BOOKINGS&period=2026-11")
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/attainment/units/" + UUID.randomUUID() + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isNotFound();
        // scope: a rep sees themself only; a manager their subtree; outside the scope is 404
        client.get().uri("/api/attainment/reps/" + liu + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.rep(liu)).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/attainment/reps/" + wang + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.rep(liu)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/attainment/units/" + teamA + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.manager(managerOfA)).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/attainment/reps/" + liu + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.manager(managerOfA)).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/attainment/units/" + teamB + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.manager(managerOfA)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/attainment/reps/" + liu + "?metric=BOOKINGS&period=FY2026")
                .header("Authorization", "Bearer " + TestTokens.integration("crm-sync", "opportunities.write")).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/attainment/reps/" + liu + "?metric=BOOKINGS&period=FY2026").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aBackDatedMoveReDerivesTheUnitsFromTheLedger() {
        UUID mover = UUID.randomUUID();
        rep(mover, List.of(new MembershipPeriod(teamA, LocalDate.of(2025, 1, 1), null)));
        UUID opportunity = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "500.00", "2026-04-10", false,
                owner(mover, "100", true)));
        awaitActual("units", teamA, "BOOKINGS", "FY2026-M04", "500.00");

        // the org learns, late, that the rep moved to team B on 2026-04-01
        rep(mover, List.of(new MembershipPeriod(teamA, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 31)),
                new MembershipPeriod(teamB, LocalDate.of(2026, 4, 1), null)), 2);
        JsonNode moved = postJson("/api/attainment/rederivations", "{\"repId\": \"" + mover + "\", \"from\": \"2026-04-01\"}");

        assertThat(moved.get("linesMoved").asInt()).isEqualTo(1);
        assertActual("units", teamA, "BOOKINGS", "FY2026-M04", "0.00");
        assertActual("units", teamB, "BOOKINGS", "FY2026-M04", "500.00");
        assertActual("units", company, "BOOKINGS", "FY2026-M04", "500.00");
        assertThat(getJson("/api/attainment/units/" + teamB + "/lines?metric=BOOKINGS&period=FY2026-M04&asOf=2026-04-30")
                .get("items")).hasSize(1);
        // idempotent, and every counter still equals its ledger lines
        assertThat(postJson("/api/attainment/rederivations", "{\"repId\": \"" + mover + "\", \"from\": \"2026-04-01\"}")
                .get("linesMoved").asInt()).isZero();
        client.get().uri("/api/attainment/ledger-check").header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().json("[]");
        client.post().uri("/api/attainment/rederivations").header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"repId\": \"nope\", \"from\": \"2026-04-01\"}")
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/attainment/rederivations").header("Authorization", "Bearer " + TestTokens.director(mover))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"repId\": \"" + mover + "\", \"from\": \"2026-04-01\"}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aBackDatedMoveThroughTheOrgApiReDerivesInTheSameTransaction() {
        OrgFixture tree = new OrgFixture(client);
        UUID moverWin = UUID.randomUUID();
        UUID stayerWin = UUID.randomUUID();
        UUID teamBWin = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", moverWin, won(moverWin, "500.00", "2026-04-10", false,
                owner(tree.repA1, "100", true)));
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", stayerWin, won(stayerWin, "200.00", "2026-04-12", false,
                owner(tree.repA2, "100", true)));
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", teamBWin, won(teamBWin, "30.00", "2026-04-20", false,
                owner(tree.repB1, "100", true)));
        awaitActual("units", tree.company, "BOOKINGS", "FY2026-M04", "730.00");
        assertActual("units", tree.teamA, "BOOKINGS", "FY2026-M04", "700.00");

        // the org learns, late, that repA1 moved to team B on 2026-04-01 (before the credit date): no separate call
        client.post().uri("/api/org/reps/{id}/moves", tree.repA1).header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", tree.teamB, "effectiveFrom", "2026-04-01")).exchange()
                .expectStatus().isOk();

        assertActual("units", tree.teamA, "BOOKINGS", "FY2026-M04", "200.00");
        assertActual("units", tree.teamB, "BOOKINGS", "FY2026-M04", "530.00");
        assertActual("units", tree.region, "BOOKINGS", "FY2026-M04", "730.00");
        assertActual("units", tree.company, "BOOKINGS", "FY2026-M04", "730.00");
        assertUnitsEqualTheirReps(tree);
        assertThat(getJson("/api/attainment/units/" + tree.teamB + "/lines?metric=BOOKINGS&period=FY2026-M04"
                + "&asOf=2026-04-30").get("items")).hasSize(2);

        // a PUT moving them back from the 11th: the win of the 10th stays in team B
        client.put().uri("/api/org/reps/{id}", tree.repA1).header("Authorization", "Bearer " + TestTokens.admin())
                .header("If-Match", etagOf("/api/org/reps/" + tree.repA1)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "rep-" + tree.repA1, "displayName", "REP " + tree.repA1, "role", "REP",
                        "unitId", tree.teamA, "effectiveFrom", "2026-04-11")).exchange()
                .expectStatus().isOk();
        assertActual("units", tree.teamB, "BOOKINGS", "FY2026-M04", "530.00");
        // a PUT moving repB1 to team A from the 15th (back-dated): their win of the 20th follows them
        client.put().uri("/api/org/reps/{id}", tree.repB1).header("Authorization", "Bearer " + TestTokens.admin())
                .header("If-Match", etagOf("/api/org/reps/" + tree.repB1)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "rep-" + tree.repB1, "displayName", "REP " + tree.repB1, "role", "REP",
                        "unitId", tree.teamA, "effectiveFrom", "2026-04-15")).exchange()
                .expectStatus().isOk();
        assertActual("units", tree.teamA, "BOOKINGS", "FY2026-M04", "230.00");
        assertActual("units", tree.teamB, "BOOKINGS", "FY2026-M04", "500.00");
        assertActual("units", tree.company, "BOOKINGS", "FY2026-M04", "730.00");
        assertUnitsEqualTheirReps(tree);
    }

    @Test
    void aBackDatedMoveAnnouncesEveryUnitWhoseFiguresChangedWithItsOwnIds() {
        OrgFixture tree = new OrgFixture(client);
        UUID win = UUID.randomUUID();
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", win, won(win, "500.00", "2026-04-10", false,
                owner(tree.repA1, "100", true)));
        awaitActual("units", tree.company, "BOOKINGS", "FY2026-M04", "500.00");
        assertThat(outboxRows(eventId)).hasSize(4);

        move(tree.repA1, tree.teamB, "2026-04-01");

        // team A loses the line, team B gains it; the rep, the region and the company did not change: no event for them
        List<Map<String, Object>> rows = outboxRows(eventId);
        assertThat(rows).hasSize(6);
        List<Map<String, Object>> rederived = rows.stream().filter(row -> !row.get("id").equals(EventIds.derived(eventId,
                JSON.readTree(row.get("payload").toString()).get("owner").get("type").asString(),
                UUID.fromString(row.get("message_key").toString()), "BOOKINGS", "FY2026-M04"))).toList();
        assertThat(rederived).extracting(row -> row.get("message_key"))
                .containsExactlyInAnyOrder(tree.teamA.toString(), tree.teamB.toString());
        for (Map<String, Object> row : rederived) {
            assertThat(EventSchemas.validate("AttainmentChanged", row.get("payload").toString())).isEmpty();
            JsonNode json = JSON.readTree(row.get("payload").toString());
            boolean lost = row.get("message_key").equals(tree.teamA.toString());
            assertThat(json.get("delta").get("amount").asString()).isEqualTo(lost ? "-500.00" : "500.00");
            assertThat(json.get("periods").get(0).get("actual").get("amount").asString()).isEqualTo(lost ? "0.00" : "500.00");
        }

        // the same move again changes nothing and announces nothing
        move(tree.repA1, tree.teamB, "2026-04-01");
        assertThat(outboxRows(eventId)).hasSize(6);
    }

    @Test
    void aBackDatedUnitReParentingReDerivesTheUnitsAboveIt() {
        OrgFixture tree = new OrgFixture(client);
        UUID region2 = UUID.randomUUID();
        putUnit(region2, "REGION", tree.company, null).expectStatus().isCreated();
        UUID win = UUID.randomUUID();
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", win, won(win, "30.00", "2026-04-20", false,
                owner(tree.repB1, "100", true)));
        awaitActual("units", tree.region, "BOOKINGS", "FY2026-M04", "30.00");

        // team B belongs to region 2 from 2026-04-01, learnt late
        putUnit(tree.teamB, "TEAM", region2, "2026-04-01").expectStatus().isOk();

        assertActual("units", tree.region, "BOOKINGS", "FY2026-M04", "0.00");
        assertActual("units", region2, "BOOKINGS", "FY2026-M04", "30.00");
        assertActual("units", tree.teamB, "BOOKINGS", "FY2026-M04", "30.00");
        assertActual("units", tree.company, "BOOKINGS", "FY2026-M04", "30.00");
        client.get().uri("/api/attainment/ledger-check").header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().json("[]");
        assertThat(outboxRows(eventId)).extracting(row -> row.get("message_key")).containsExactlyInAnyOrder(
                tree.repB1.toString(), tree.teamB.toString(), tree.region.toString(), tree.company.toString(),
                tree.region.toString(), region2.toString());
    }

    @Test
    void aUnitDeactivatedOnABackDateNoLongerRollsUpItsLaterCreditAbove() {
        OrgFixture tree = new OrgFixture(client);
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", early, won(early, "10.00", "2026-04-05", false,
                owner(tree.repB1, "100", true)));
        UUID lateEvent = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", late, won(late, "30.00", "2026-04-20", false,
                owner(tree.repB1, "100", true)));
        awaitActual("units", tree.company, "BOOKINGS", "FY2026-M04", "40.00");

        client.post().uri("/api/org/units/{id}/deactivation", tree.teamB).header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("lastDay", "2026-04-15", "reason", "merged")).exchange()
                .expectStatus().isOk();

        // credit after the last day stays with the team (and the rep), no longer above it
        assertActual("units", tree.teamB, "BOOKINGS", "FY2026-M04", "40.00");
        assertActual("units", tree.region, "BOOKINGS", "FY2026-M04", "10.00");
        assertActual("units", tree.company, "BOOKINGS", "FY2026-M04", "10.00");
        client.get().uri("/api/attainment/ledger-check").header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().json("[]");
        List<Map<String, Object>> rows = outboxRows(lateEvent);
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().filter(row -> JSON.readTree(row.get("payload").toString()).get("delta").get("amount")
                .asString().equals("-30.00"))).extracting(row -> row.get("message_key"))
                .containsExactlyInAnyOrder(tree.region.toString(), tree.company.toString());
    }

    @Test
    void everyViewExportsAsStreamedCsvScopedLikeItsJson() {
        OrgFixture tree = new OrgFixture(client);
        UUID win = UUID.randomUUID();
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", win, won(win, "500.00", "2026-04-10", false,
                owner(tree.repA1, "100", true)));
        awaitActual("units", tree.company, "BOOKINGS", "FY2026-M04", "500.00");
        String q = "?metric=BOOKINGS&period=FY2026-M04&asOf=2026-04-30&format=csv";

        List<String> figures = csv("/api/attainment/reps/" + tree.repA1 + q, TestTokens.rep(tree.repA1));
        assertThat(figures.get(0)).startsWith("ownerType,ownerId,metric,dimension,periodKey,asOf,currency,actual,level,");
        assertThat(figures).hasSize(2);
        assertThat(figures.get(1)).startsWith("REP," + tree.repA1 + ",BOOKINGS,*,FY2026-M04,2026-04-30,CNY,500.00,,");

        List<String> team = csv("/api/attainment/units/" + tree.teamA + "/children" + q + "&sort=actual,desc",
                TestTokens.manager(tree.managerA));
        assertThat(team.get(0)).startsWith("row,ownerType,ownerId,");
        assertThat(team.get(1)).startsWith("unit,UNIT," + tree.teamA + ",BOOKINGS,*,FY2026-M04,2026-04-30,CNY,500.00,");
        assertThat(team.get(2)).startsWith("child,REP," + tree.repA1 + ",BOOKINGS,*,FY2026-M04,2026-04-30,CNY,500.00,");
        assertThat(team.subList(2, team.size())).extracting(row -> row.split(",")[2])
                .contains(tree.repA2.toString(), tree.managerA.toString());

        List<String> series = csv("/api/attainment/units/" + tree.company + "/series?metric=BOOKINGS&fiscalYear=2026"
                + "&asOf=2026-12-31&format=csv", TestTokens.admin());
        assertThat(series.get(0)).isEqualTo("ownerType,ownerId,metric,dimension,fiscalYear,asOf,month,currency,actual,"
                + "cumulativeActual,level,target,cumulativeTarget");
        assertThat(series).hasSize(13);
        assertThat(series.get(4)).isEqualTo("UNIT," + tree.company + ",BOOKINGS,*,2026,2026-12-31,FY2026-M04,CNY,500.00,"
                + "500.00,,,");

        List<String> lines = csv("/api/attainment/units/" + tree.company + "/lines" + q, TestTokens.admin());
        assertThat(lines.get(0)).startsWith("sourceEventId,sourceEventType,repId,metric,creditDate,amount,currency,");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(eventId + ",OpportunityWon," + tree.repA1 + ",BOOKINGS,2026-04-10,500.00,CNY,");

        // scope as the JSON view: another rep, or a manager of another team, gets 404 problem+json and no CSV
        for (String path : List.of("/api/attainment/reps/" + tree.repA1 + q, "/api/attainment/reps/" + tree.repA1 + "/lines" + q)) {
            client.get().uri(path).header("Authorization", "Bearer " + TestTokens.rep(tree.repA2)).exchange()
                    .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // a bad parameter is problem+json, whatever the format
        client.get().uri("/api/attainment/reps/" + tree.repA1 + "?metric=NOPE&period=FY2026-M04&format=csv")
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("metric");
        client.get().uri("/api/attainment/reps/" + tree.repA1 + "?metric=BOOKINGS&period=FY2026-M04&format=xml")
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
    }

    private List<String> csv(String uri, String token) {
        byte[] body = client.get().uri(uri).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody().returnResult().getResponseBody();
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return List.of(text.split("\r\n"));
    }

    private void move(UUID rep, UUID unit, String from) {
        client.post().uri("/api/org/reps/{id}/moves", rep).header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", unit, "effectiveFrom", from)).exchange()
                .expectStatus().isOk();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec putUnit(UUID id, String type, UUID parent,
                                                                                         String effectiveFrom) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", type + "-" + id);
        body.put("name", type + " " + id);
        body.put("type", type);
        body.put("parentId", parent);
        body.put("validFrom", "2024-01-01");
        if (effectiveFrom != null) {
            body.put("effectiveFrom", effectiveFrom);
        }
        return client.put().uri("/api/org/units/{id}", id).header("Authorization", "Bearer " + TestTokens.admin())
                .headers(h -> {
                    if (effectiveFrom != null) {
                        h.setIfMatch(etagOf("/api/org/units/" + id)); // a change of an existing unit
                    }
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String etagOf(String path) {
        return client.get().uri(path).header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
    }

    /** Σ of each unit's counters = Σ of the lines of the reps who were in it on each credit date (here: all April). */
    private void assertUnitsEqualTheirReps(OrgFixture tree) {
        client.get().uri("/api/attainment/ledger-check").header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().json("[]");
        BigDecimal a = actual("units", tree.teamA);
        BigDecimal b = actual("units", tree.teamB);
        BigDecimal reps = actual("reps", tree.repA1).add(actual("reps", tree.repA2)).add(actual("reps", tree.repB1));
        assertThat(a.add(b)).isEqualByComparingTo(actual("units", tree.region)).isEqualByComparingTo(reps);
        assertThat(actual("units", tree.company)).isEqualByComparingTo(reps);
    }

    private BigDecimal actual(String kind, UUID owner) {
        return new BigDecimal(getJson("/api/attainment/" + kind + "/" + owner + "?metric=BOOKINGS&period=FY2026-M04"
                + "&asOf=2026-12-31").get("actual").get("amount").asString());
    }

    @Test
    void theDomainPaceExampleThroughTheApiAsOfDayFifteen() {
        UUID rep = UUID.randomUUID();
        rep(rep, List.of(new MembershipPeriod(teamA, LocalDate.of(2025, 1, 1), null)));
        publishTarget(rep, "100000.00", "110000.00");
        UUID opportunity = UUID.randomUUID();
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, won(opportunity, "40000.00",
                "2026-11-03", false, owner(rep, "100", true)));
        awaitActual("reps", rep, "BOOKINGS", "FY2026-M11", "40000.00");

        // DOMAIN.md: a 30-day month, target 100,000.00, as of day 15, actual 40,000.00
        JsonNode figures = getJson("/api/attainment/reps/" + rep + "?metric=BOOKINGS&period=FY2026-M11&asOf=2026-11-15");
        JsonNode target = figures.get("levels").get("TARGET");
        assertThat(target.get("target").get("amount").asString()).isEqualTo("100000.00");
        assertThat(target.get("expectedToDate").get("amount").asString()).isEqualTo("50000.00");
        assertThat(target.get("pacePercent").asString()).isEqualTo("80.00");
        assertThat(target.get("gap").get("amount").asString()).isEqualTo("60000.00");
        assertThat(target.get("attainmentPercent").asString()).isEqualTo("40.00");
        assertThat(figures.get("runRate").get("amount").asString()).isEqualTo("80000.00");
        assertThat(figures.get("levels").get("STRETCH").get("attainmentPercent").asString()).isEqualTo("36.36");
        assertThat(figures.get("targetVersion").asInt()).isEqualTo(1);
        // the event carries the targets in force for the month
        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxRows(eventId)).isNotEmpty());
        JsonNode repEvent = outboxRows(eventId).stream().map(row -> JSON.readTree(row.get("payload").toString()))
                .filter(json -> json.get("owner").get("id").asString().equals(rep.toString())).findFirst().orElseThrow();
        assertThat(repEvent.get("periods").get(0).get("targets").get("TARGET").get("amount").asString()).isEqualTo("100000.00");
    }

    @Test
    void aWinWhoseSplitsDoNotSumToAHundredIsDeadLetteredAndCreditsNothing() {
        UUID opportunity = UUID.randomUUID();
        String invalid = won(opportunity, "100.00", "2026-10-01", true, owner(li, "60", true), owner(liu, "30", false));
        UUID eventId = publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", opportunity, invalid);

        try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "attainment-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            dlt.subscribe(List.of(Topics.PIPELINE_OPPORTUNITY + "-dlt"));
            List<String> deadLettered = new java.util.ArrayList<>();
            await().atMost(WAIT).untilAsserted(() -> {
                dlt.poll(Duration.ofMillis(500)).forEach(record -> {
                    var header = record.headers().lastHeader(EventHeaders.EVENT_ID);
                    if (header != null) {
                        deadLettered.add(new String(header.value(), StandardCharsets.UTF_8));
                    }
                });
                assertThat(deadLettered).contains(eventId.toString());
            });
        }
        client.get().uri("/api/attainment/source-events/" + eventId)
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isNotFound();
        assertThat(allOutboxRows(eventId)).isEmpty();
    }

    @Test
    void fallingBehindPaceAlertsOnceAndRecoveringRaisesBackOnPace() {
        UUID rep = UUID.randomUUID();
        rep(rep, List.of(new MembershipPeriod(teamB, LocalDate.of(2025, 1, 1), null)));
        publishTarget(rep, "100000.00", "120000.00");
        UUID first = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", first, won(first, "10000.00", "2026-11-03", false,
                owner(rep, "100", true)));
        awaitActual("reps", rep, "BOOKINGS", "FY2026-M11", "10000.00");

        // as of the 20th: expected 66,666.67, pace 15.00 % — behind for the month and the quarter
        postJson("/api/attainment/pace-evaluations", "{\"asOf\": \"2026-11-20\"}");
        postJson("/api/attainment/pace-evaluations", "{\"asOf\": \"2026-11-20\"}");
        List<Map<String, Object>> behind = alerts("AttainmentBehindPace", rep);
        assertThat(behind).hasSize(2);
        JsonNode month = behind.stream().map(row -> JSON.readTree(row.get("payload").toString()))
                .filter(json -> json.get("periodKey").asString().equals("FY2026-M11")).findFirst().orElseThrow();
        assertThat(month.get("pacePercent").asString()).isEqualTo("15.00");
        assertThat(month.get("expectedToDate").get("amount").asString()).isEqualTo("66666.67");
        behind.forEach(row -> assertThat(EventSchemas.validate("AttainmentBehindPace", row.get("payload").toString())).isEmpty());

        UUID second = UUID.randomUUID();
        publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", second, won(second, "60000.00", "2026-11-21", false,
                owner(rep, "100", true)));
        awaitActual("reps", rep, "BOOKINGS", "FY2026-M11", "70000.00");
        postJson("/api/attainment/pace-evaluations", "{\"asOf\": \"2026-11-22\"}");

        List<Map<String, Object>> back = alerts("AttainmentBackOnPace", rep);
        assertThat(back).hasSize(2);
        back.forEach(row -> {
            assertThat(EventSchemas.validate("AttainmentBackOnPace", row.get("payload").toString())).isEmpty();
            assertThat(JSON.readTree(row.get("payload").toString()).get("behindSince").asString()).isEqualTo("2026-11-20");
        });
        assertThat(alerts("AttainmentBehindPace", rep)).hasSize(2);
        client.post().uri("/api/attainment/pace-evaluations").header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"asOf\": \"2026-11-22\", \"thresholdPercent\": \"-5\"}")
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void aWinJudgesPaceForItsOwnersRightAwayWithoutWaitingForTheDailyRun() {
        // today's month, whatever day the test runs: a target of 1,000,000.00 and, with no minimum elapsed share, a
        // first win of 1.00 is far behind pace; a second win of 1,000,000.00 brings the rep back on pace
        LocalDate today = companyCalendar.today();
        PeriodKey month = companyCalendar.fiscal().monthOf(today);
        UUID rep = UUID.randomUUID();
        rep(rep, List.of(new MembershipPeriod(teamB, LocalDate.of(2025, 1, 1), null)));
        publishTarget(rep, month, "1000000.00");
        judgeOnEveryChange(true);
        try {
            UUID first = UUID.randomUUID();
            publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", first, won(first, "1.00", today.toString(), false,
                    owner(rep, "100", true)));

            // no evaluation is asked for: the change itself raises the month's and the quarter's alert
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts("AttainmentBehindPace", rep)).hasSize(2));
            alerts("AttainmentBehindPace", rep).forEach(row -> {
                JsonNode payload = JSON.readTree(row.get("payload").toString());
                assertThat(EventSchemas.validate("AttainmentBehindPace", row.get("payload").toString())).isEmpty();
                assertThat(payload.get("asOf").asString()).isEqualTo(today.toString());
                assertThat(new java.math.BigDecimal(payload.get("pacePercent").asString())).isLessThan(new java.math.BigDecimal("80"));
            });

            UUID second = UUID.randomUUID();
            publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", second, won(second, "1000000.00", today.toString(), false,
                    owner(rep, "100", true)));
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts("AttainmentBackOnPace", rep)).hasSize(2));
            // once per crossing: still the two behind-pace alerts of the first crossing
            assertThat(alerts("AttainmentBehindPace", rep)).hasSize(2);
            assertThat(getAdminJson("/api/attainment/alert-settings").get("evaluateOnChange").asBoolean()).isTrue();
        } finally {
            judgeOnEveryChange(false);
        }
    }

    @Test
    void aBackDatedMoveJudgesPaceForTheUnitItTookTheCreditFrom() {
        // a team with a month target of 1,000.00 is on pace with its rep's win of 1,000.00; the org then learns that
        // the rep left for team B on the month's first day: the team loses the credit and is behind pace at once
        LocalDate today = companyCalendar.today();
        PeriodKey month = companyCalendar.fiscal().monthOf(today);
        UUID team = UUID.randomUUID();
        UUID rep = UUID.randomUUID();
        unit(team, region, "TEAM", LocalDate.of(2025, 1, 1));
        rep(rep, List.of(new MembershipPeriod(team, LocalDate.of(2025, 1, 1), null)));
        publishTarget(team, "UNIT", month, "1000.00");
        judgeOnEveryChange(true);
        try {
            UUID win = UUID.randomUUID();
            publish(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon", win, won(win, "1000.00", today.toString(), false,
                    owner(rep, "100", true)));
            // the win's own judgement: the team on pace, no alert
            await().atMost(WAIT).untilAsserted(() -> assertThat(db.sql("SELECT state FROM attainment_pace_state"
                            + " WHERE owner_type = 'UNIT' AND owner_id = :team AND period_key = :month AND evaluated_on = :today")
                    .bind("team", team).bind("month", month.toString()).bind("today", today)
                    .map(r -> r.get("state", String.class)).all().collectList().block()).isNotEmpty());
            assertThat(alerts("AttainmentBehindPace", team)).isEmpty();

            move(rep, teamB, companyCalendar.fiscal().range(month).first().toString());

            // no evaluation is asked for: the re-derivation itself judges the team
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts("AttainmentBehindPace", team)).isNotEmpty());
            assertActual("units", team, "BOOKINGS", month.toString(), "0.00");
        } finally {
            judgeOnEveryChange(false);
        }
    }

    @Test
    void aPaceEvaluationWithoutAsOfJudgesAsOfTheCompanysToday() {
        String today = companyCalendar.today().toString();
        assertThat(postJson("/api/attainment/pace-evaluations", "{}").get("asOf").asString()).isEqualTo(today);
        assertThat(JSON.readTree(client.post().uri("/api/attainment/pace-evaluations")
                .header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("asOf").asString()).isEqualTo(today);
        client.post().uri("/api/attainment/pace-evaluations").header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"asOf\": \"the 3rd\"}")
                .exchange().expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
    }

    /**
     * On: threshold 80 % from the first day (no minimum elapsed share), judged on every change. Off: the base class's
     * settings again (80 % after 25 %, the daily run only).
     */
    private void judgeOnEveryChange(boolean on) {
        JsonNode settings = getAdminJson("/api/attainment/alert-settings");
        putAdminJson("/api/attainment/alert-settings", "\"" + settings.get("version").asString() + "\"",
                "{\"thresholdPercent\": \"80\", \"minimumElapsedPercent\": \"" + (on ? "0" : "25")
                        + "\", \"evaluateOnChange\": " + on + "}");
    }

    private List<Map<String, Object>> alerts(String type, UUID owner) {
        return db.sql("SELECT id, payload::text AS payload FROM outbox_event WHERE event_type = :type"
                        + " AND payload->'owner'->>'id' = :owner")
                .bind("type", type).bind("owner", owner.toString())
                .fetch().all().collectList().block();
    }

    // --- helpers ---

    private void unit(UUID id, UUID parent, String type, LocalDate from) {
        unit(id, parent, type, from, List.of());
    }

    private void unit(UUID id, UUID parent, String type, LocalDate from, List<ManagerPeriod> managers) {
        org.upsertUnit(new OrgUnitState(id, parent, type + "-" + id.toString().substring(0, 8), type + " " + id, type,
                true, from, null, List.of(), managers, null, 1, Instant.now())).block();
    }

    private void rep(UUID id, List<MembershipPeriod> memberships) {
        rep(id, memberships, 1);
    }

    private void rep(UUID id, List<MembershipPeriod> memberships, long version) {
        assertThat(org.upsertRep(new RepState(id, "Rep " + id, null, null, "REP", true, LocalDate.of(2025, 1, 1),
                memberships, null, version, Instant.now())).block()).isTrue();
    }

    /** A published BOOKINGS target of one month for a rep (TARGET level only). */
    private void publishTarget(UUID rep, PeriodKey month, String amount) {
        publishTarget(rep, "REP", month, amount);
    }

    /** A published BOOKINGS target of one month for a rep or a unit (TARGET level only). */
    private void publishTarget(UUID owner, String ownerType, PeriodKey month, String amount) {
        UUID target = UUID.randomUUID();
        db.sql("INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, currency, current_version, version)"
                        + " VALUES (:id, :year, 'BOOKINGS', :type, :owner, 'CNY', 1, 1)")
                .bind("id", target).bind("year", month.fiscalYear()).bind("type", ownerType).bind("owner", owner).then().block();
        db.sql("INSERT INTO target_version (target_id, number, status, effective_from, created_by, published_by, published_at)"
                        + " VALUES (:id, 1, 'PUBLISHED', DATE '2025-01-01', 'director', 'director', now())")
                .bind("id", target).then().block();
        db.sql("INSERT INTO target_level_months (target_id, version_number, level, months)"
                        + " SELECT :id, 1, 'TARGET', array_agg(CASE m WHEN :month THEN CAST(:amount AS numeric) ELSE 0 END"
                        + " ORDER BY m) FROM generate_series(1, 12) m")
                .bind("id", target).bind("month", month.number()).bind("amount", amount).then().block();
    }

    private JsonNode getAdminJson(String uri) {
        return JSON.readTree(client.get().uri(uri).header("Authorization", "Bearer " + TestTokens.admin()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private void putAdminJson(String uri, String ifMatch, String body) {
        client.put().uri(uri).header("Authorization", "Bearer " + TestTokens.admin()).header("If-Match", ifMatch)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
    }

    /**
     * A published FY2026 BOOKINGS target for the rep: November only (TARGET and STRETCH). Written with SQL into the
     * targets feature's tables (V3; its API is another feature's).
     */
    private void publishTarget(UUID rep, String november, String novemberStretch) {
        UUID target = UUID.randomUUID();
        db.sql("INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, currency, current_version, version)"
                        + " VALUES (:id, 2026, 'BOOKINGS', 'REP', :owner, 'CNY', 1, 1)")
                .bind("id", target).bind("owner", rep).then().block();
        db.sql("INSERT INTO target_version (target_id, number, status, effective_from, created_by, published_by, published_at)"
                        + " VALUES (:id, 1, 'PUBLISHED', DATE '2026-01-01', 'director', 'director', now())")
                .bind("id", target).then().block();
        db.sql("INSERT INTO target_level_months (target_id, version_number, level, months) VALUES"
                        + " (:id, 1, 'TARGET', ARRAY[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, CAST(:target AS numeric), 0]),"
                        + " (:id, 1, 'STRETCH', ARRAY[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, CAST(:stretch AS numeric), 0])")
                .bind("id", target).bind("target", november).bind("stretch", novemberStretch).then().block();
    }

    private static String owner(UUID rep, String split, boolean primary) {
        return "{\"repId\": \"" + rep + "\", \"splitPercent\": \"" + split + "\", \"primary\": " + primary + "}";
    }

    /** The golden OpportunityWon with this opportunity, amount (reporting = original, CNY), date and owners. */
    private static String won(UUID opportunity, String amount, String closeDate, boolean firstWin, String... owners) {
        JsonNode golden = JSON.readTree(EventSchemas.goldenExample("OpportunityWon"));
        var node = (tools.jackson.databind.node.ObjectNode) golden;
        node.put("opportunityId", opportunity.toString());
        node.put("accountId", UUID.randomUUID().toString());
        node.set("owners", JSON.readTree("[" + String.join(",", owners) + "]"));
        node.set("amount", JSON.readTree("{\"amount\": \"" + amount + "\", \"currency\": \"CNY\"}"));
        node.set("reportingAmount", JSON.readTree("{\"amount\": \"" + amount + "\", \"currency\": \"CNY\"}"));
        node.put("fxRate", "1");
        node.put("closeDate", closeDate);
        node.put("fxRateDate", closeDate);
        node.put("firstWinOfAccount", firstWin);
        String json = JSON.writeValueAsString(node);
        assertThat(EventSchemas.validate("OpportunityWon", json)).isEmpty();
        return json;
    }

    private static String reopened(UUID opportunity, UUID winEventId, String reopenDate) {
        var node = (tools.jackson.databind.node.ObjectNode) JSON.readTree(EventSchemas.goldenExample("OpportunityReopened"));
        node.put("opportunityId", opportunity.toString());
        node.put("reopensEventId", winEventId.toString());
        node.put("reopenDate", reopenDate);
        return JSON.writeValueAsString(node);
    }

    private String contractEvent(String type, UUID contract, Map<String, String> dates, Map<String, String> moneyFields) {
        var node = (tools.jackson.databind.node.ObjectNode) JSON.readTree(EventSchemas.goldenExample(type));
        node.put("contractId", contract.toString());
        node.set("owners", JSON.readTree("[" + owner(li, "60", true) + "," + owner(liu, "40", false) + "]"));
        dates.forEach(node::put);
        moneyFields.forEach((field, amount) -> node.set(field,
                JSON.readTree("{\"amount\": \"" + amount + "\", \"currency\": \"CNY\"}")));
        String json = JSON.writeValueAsString(node);
        assertThat(EventSchemas.validate(type, json)).isEmpty();
        return json;
    }

    private String signed(UUID contract, String value, String date) {
        return contractEvent("ContractSigned", contract, Map.of("signedDate", date, "fxRate", "1"),
                Map.of("value", value, "reportingValue", value));
    }

    private String amended(UUID contract, String delta, String date) {
        return contractEvent("ContractAmended", contract, Map.of("effectiveDate", date, "fxRate", "1"),
                Map.of("valueDelta", delta, "reportingValueDelta", delta));
    }

    private String payment(UUID contract, String amount, String date) {
        return contractEvent("PaymentReceived", contract, Map.of("receivedDate", date, "paymentId", UUID.randomUUID().toString(),
                "fxRate", "1"), Map.of("amount", amount, "reportingAmount", amount, "collectedToDate", amount,
                "reportingCollectedToDate", amount));
    }

    private String terminated(UUID contract, String date) {
        return contractEvent("ContractTerminated", contract, Map.of("terminationDate", date, "signedDate", "2026-07-01",
                "fxRate", "1"), Map.of());
    }

    private UUID publish(String topic, String eventType, UUID key, String payload) {
        UUID eventId = UUID.randomUUID();
        send(topic, eventType, key, eventId, payload);
        return eventId;
    }

    private void send(String topic, String eventType, UUID key, UUID eventId, String payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key.toString(),
                payload.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.OCCURRED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.AGGREGATE_ID, key.toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    private void awaitActual(String kind, UUID owner, String metric, String period, String expected) {
        await().atMost(WAIT).untilAsserted(() -> assertActual(kind, owner, metric, period, expected));
    }

    private void assertActual(String kind, UUID owner, String metric, String period, String expected) {
        assertActual(kind, owner, metric, period, expected, "2026-12-31");
    }

    private void assertActual(String kind, UUID owner, String metric, String period, String expected, String asOf) {
        JsonNode figures = getJson("/api/attainment/" + kind + "/" + owner + "?metric=" + metric + "&period=" + period
                + "&asOf=" + asOf);
        assertThat(figures.get("actual").get("amount").asString()).as(kind + " " + owner + " " + metric + " " + period)
                .isEqualTo(expected);
    }

    private JsonNode getJson(String uri) {
        byte[] body = client.get().uri(uri).header("Authorization", "Bearer " + TestTokens.director(UUID.randomUUID()))
                .accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private JsonNode postJson(String uri, String body) {
        byte[] response = client.post().uri(uri).header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(response);
    }

    private static JsonNode find(JsonNode lines, UUID rep, String metric) {
        for (JsonNode line : lines) {
            if (line.get("repId").asString().equals(rep.toString()) && line.get("metric").asString().equals(metric)) {
                return line;
            }
        }
        throw new AssertionError("no " + metric + " line for " + rep);
    }

    private List<Map<String, Object>> allOutboxRows(UUID sourceEventId) {
        return db.sql("SELECT id, payload::text AS payload FROM outbox_event WHERE event_type = 'AttainmentChanged'"
                        + " AND payload->>'sourceEventId' = :source")
                .bind("source", sourceEventId.toString())
                .fetch().all().collectList().block();
    }

    private List<Map<String, Object>> outboxRows(UUID sourceEventId) {
        return db.sql("SELECT id, message_key, payload::text AS payload FROM outbox_event WHERE event_type = 'AttainmentChanged'"
                        + " AND payload->>'sourceEventId' = :source AND payload->>'metric' = 'BOOKINGS'")
                .bind("source", sourceEventId.toString())
                .fetch().all().collectList().block();
    }
}
