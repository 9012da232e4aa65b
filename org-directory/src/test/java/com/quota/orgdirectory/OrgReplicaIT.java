package com.quota.orgdirectory;

import com.quota.api.problem.ApiProblem;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import com.quota.orgdirectory.tree.OrgTree;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The replica of targets.org.v1 on a real broker and database. */
class OrgReplicaIT extends AbstractOrgDirectoryIT {

    static final UUID SHANGHAI_TEAM = UUID.fromString("b333d4d6-edee-589c-9fe2-f73cb5d8fd77");
    static final UUID EARLIER_TEAM = UUID.fromString("b2d431e6-b03a-5a6f-bfb1-de46b0333e96");
    static final UUID EAST_REGION = UUID.fromString("564a5a93-6190-5380-8e54-589fd8ee19a5");
    static final UUID TEAM_MANAGER = UUID.fromString("f66dd0be-ed08-5997-a2a0-994a577b51b1");
    static final UUID EARLIER_MANAGER = UUID.fromString("0c2f4a8e-3d6b-5f1e-9a7c-2b8d4e6f1a30");
    static final UUID CHEN_LI = UUID.fromString("e533692d-13e1-5819-9a04-a0d7c1d5227e");
    static final Instant OCCURRED = Instant.parse("2026-11-20T06:15:30Z");

    @Test
    void theGoldenExamplesBuildTheReplicaAndReplayingThemChangesNothing() {
        UUID unitEvent = events.send("OrgUnitChanged", SHANGHAI_TEAM, EventSchemas.goldenExample("OrgUnitChanged"),
                UUID.randomUUID(), OCCURRED);
        UUID repEvent = events.send("RepChanged", CHEN_LI, EventSchemas.goldenExample("RepChanged"), UUID.randomUUID(), OCCURRED);
        awaitUnitVersion(SHANGHAI_TEAM, 3);
        awaitRepVersion(CHEN_LI, 4);

        OrgUnit team = directory.unit(SHANGHAI_TEAM).block();
        assertThat(team.code()).isEqualTo("EAST-SH");
        assertThat(team.parentId()).isEqualTo(EAST_REGION);
        assertThat(team.externalRef()).isEqualTo("HR-ORG-1021");
        assertThat(directory.ancestors(SHANGHAI_TEAM, LocalDate.of(2026, 5, 1)).collectList().block()).containsExactly(EAST_REGION);
        assertThat(directory.subtree(EAST_REGION, LocalDate.of(2026, 5, 1)).collectList().block())
                .containsExactly(EAST_REGION, SHANGHAI_TEAM);
        OrgRep chen = directory.rep(CHEN_LI).block();
        assertThat(chen.displayName()).isEqualTo("Chen Li");
        assertThat(chen.role()).isEqualTo("REP");
        assertThat(chen.active()).isTrue();
        // the membership history, dated
        assertThat(directory.unitOf(CHEN_LI, LocalDate.of(2026, 3, 31)).block()).isEqualTo(EARLIER_TEAM);
        assertThat(directory.unitOf(CHEN_LI, LocalDate.of(2026, 4, 1)).block()).isEqualTo(SHANGHAI_TEAM);
        assertThat(directory.unitOf(CHEN_LI, LocalDate.of(2024, 2, 29)).blockOptional()).isEmpty();
        // the unit's dated managers, as the example's managerHistory gives them
        assertThat(directory.unitsManagedBy(EARLIER_MANAGER, LocalDate.of(2024, 1, 1)).collectList().block()).containsExactly(SHANGHAI_TEAM);
        assertThat(directory.unitsManagedBy(TEAM_MANAGER, LocalDate.of(2025, 3, 31)).collectList().block()).isEmpty();
        assertThat(directory.unitsManagedBy(TEAM_MANAGER, LocalDate.of(2025, 4, 1)).collectList().block()).containsExactly(SHANGHAI_TEAM);
        assertThat(directory.managersOf(CHEN_LI, LocalDate.of(2026, 5, 1)).collectList().block()).containsExactly(TEAM_MANAGER);
        assertThat(directory.managersOf(CHEN_LI, LocalDate.of(2026, 3, 1)).collectList().block()).isEmpty();
        assertThat(directory.repsIn(List.of(SHANGHAI_TEAM), LocalDate.of(2026, 5, 1)).collectList().block()).containsExactly(CHEN_LI);

        String before = snapshot();
        // the same events again (a redelivery or a replay from offset 0): the inbox skips them
        events.send("OrgUnitChanged", SHANGHAI_TEAM, EventSchemas.goldenExample("OrgUnitChanged"), unitEvent, OCCURRED);
        events.send("RepChanged", CHEN_LI, EventSchemas.goldenExample("RepChanged"), repEvent, OCCURRED);
        // the same states under new event ids (a producer re-publishing): the version check skips them
        UUID republishedUnit = events.send("OrgUnitChanged", SHANGHAI_TEAM, EventSchemas.goldenExample("OrgUnitChanged"),
                UUID.randomUUID(), OCCURRED.plusSeconds(60));
        UUID republishedRep = events.send("RepChanged", CHEN_LI, EventSchemas.goldenExample("RepChanged"),
                UUID.randomUUID(), OCCURRED.plusSeconds(60));
        awaitApplied(republishedUnit);
        awaitApplied(republishedRep);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM inbox_event WHERE event_id = :id", unitEvent)).isEqualTo(1);
    }

    @Test
    void anOlderStateArrivingAfterANewerOneIsIgnored() {
        UUID rep = UUID.randomUUID(), first = UUID.randomUUID(), second = UUID.randomUUID();
        RepState v5 = rep(rep, 5, new MembershipPeriod(second, LocalDate.of(2025, 1, 1), null));
        RepState v4 = rep(rep, 4, new MembershipPeriod(first, LocalDate.of(2025, 1, 1), null));
        events.repChanged(v5);
        awaitRepVersion(rep, 5);
        UUID late = events.repChanged(v4);
        awaitApplied(late);
        assertThat(directory.rep(rep).block().version()).isEqualTo(5);
        assertThat(directory.unitOf(rep, LocalDate.of(2026, 1, 1)).block()).isEqualTo(second);
    }

    @Test
    void aStatusOfInactiveRetiresTheRepAndKeepsTheirHistory() {
        UUID rep = UUID.randomUUID(), team = UUID.randomUUID();
        events.repChanged(rep(rep, 1, new MembershipPeriod(team, LocalDate.of(2025, 1, 1), null)));
        awaitRepVersion(rep, 1);
        RepState left = new RepState(rep, "Leaver", null, null, "REP", false, null,
                List.of(new MembershipPeriod(team, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 6, 30))), null, 2, OCCURRED);
        events.repChanged(left);
        awaitRepVersion(rep, 2);
        assertThat(directory.rep(rep).block().active()).isFalse();
        assertThat(directory.unitOf(rep, LocalDate.of(2026, 6, 30)).block()).isEqualTo(team);
        assertThat(directory.unitOf(rep, LocalDate.of(2026, 7, 1)).blockOptional()).isEmpty();
        // a tombstone's retirement through the store: inactive whatever the version, history kept
        UUID other = UUID.randomUUID();
        events.repChanged(rep(other, 1, new MembershipPeriod(team, LocalDate.of(2025, 1, 1), null)));
        awaitRepVersion(other, 1);
        store.retireRep(other).block();
        assertThat(directory.rep(other).block().active()).isFalse();
        assertThat(directory.unitOf(other, LocalDate.of(2026, 7, 1)).block()).isEqualTo(team);
    }

    @Test
    void aNewManagerNamedByAV1EventTakesOverOnTheDayOfTheChange() {
        UUID unit = UUID.randomUUID(), parent = UUID.randomUUID(), anna = UUID.randomUUID(), bo = UUID.randomUUID();
        LocalDate founded = LocalDate.of(2024, 1, 1);
        events.unitChangedWithoutManagerHistory(new OrgUnitState(unit, parent, "T-" + unit, "Team", "TEAM", true, founded,
                null, List.of(), List.of(new ManagerPeriod(anna, founded, null)), null, 1, Instant.parse("2026-01-10T02:00:00Z")));
        awaitUnitVersion(unit, 1);
        // 2026-05-31T17:00Z is already 1 June in Shanghai, the company's zone
        events.unitChangedWithoutManagerHistory(new OrgUnitState(unit, parent, "T-" + unit, "Team", "TEAM", true, founded,
                null, List.of(), List.of(new ManagerPeriod(bo, founded, null)), null, 2, Instant.parse("2026-05-31T17:00:00Z")));
        awaitUnitVersion(unit, 2);
        assertThat(directory.unitsManagedBy(anna, LocalDate.of(2024, 3, 1)).collectList().block()).containsExactly(unit);
        assertThat(directory.unitsManagedBy(anna, LocalDate.of(2026, 5, 31)).collectList().block()).containsExactly(unit);
        assertThat(directory.unitsManagedBy(anna, LocalDate.of(2026, 6, 1)).collectList().block()).isEmpty();
        assertThat(directory.unitsManagedBy(bo, LocalDate.of(2026, 6, 1)).collectList().block()).containsExactly(unit);
        assertThat(directory.unitsManagedBy(bo, LocalDate.of(2026, 5, 31)).collectList().block()).isEmpty();
        assertThat(directory.ancestors(unit, LocalDate.of(2026, 6, 1)).collectList().block()).containsExactly(parent);
    }

    @Test
    void aGeneratedCompanyPublishedAsEventsAnswersLikeTheTreeInMemory() {
        long seed = new Random().nextLong();
        GeneratedCompany company = GeneratedCompany.generate(seed, 8, 14);
        company.units().forEach(events::unitChanged);
        company.reps().forEach(events::repChanged);
        company.units().forEach(unit -> awaitUnitVersion(unit.id(), unit.version()));
        company.reps().forEach(rep -> awaitRepVersion(rep.id(), rep.version()));

        OrgTree tree = OrgTree.of(company.units(), company.reps());
        Random random = new Random(seed);
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            days.add(GeneratedCompany.day(random));
        }
        List<UUID> allUnits = company.units().stream().map(OrgUnitState::id).toList();
        for (LocalDate day : days) {
            String where = "seed " + seed + " on " + day;
            for (OrgUnitState unit : company.units()) {
                assertThat(directory.ancestors(unit.id(), day).collectList().block()).as(where)
                        .containsExactlyElementsOf(tree.ancestors(unit.id(), day));
                assertThat(directory.subtree(unit.id(), day).collectList().block()).as(where)
                        .containsExactlyInAnyOrderElementsOf(tree.subtree(unit.id(), day));
            }
            for (RepState rep : company.reps()) {
                assertThat(directory.unitOf(rep.id(), day).blockOptional()).as(where).isEqualTo(tree.unitOf(rep.id(), day));
                assertThat(directory.managersOf(rep.id(), day).collectList().block()).as(where)
                        .containsExactlyInAnyOrderElementsOf(tree.managersOf(rep.id(), day));
                assertThat(Set.copyOf(directory.unitsManagedBy(rep.id(), day).collectList().block())).as(where)
                        .isEqualTo(tree.unitsManagedBy(rep.id(), day));
            }
            assertThat(Set.copyOf(directory.repsIn(allUnits, day).collectList().block())).as(where)
                    .isEqualTo(tree.repsIn(allUnits, day));
        }
    }

    @Test
    void aStateWithOverlappingMembershipsGoesToTheDeadLetterTopicAndWritesNothing() {
        UUID rep = UUID.randomUUID(), team = UUID.randomUUID(), other = UUID.randomUUID();
        String overlapping = """
                {"repId":"%s","displayName":"Twice Placed","role":"REP","status":"ACTIVE","version":1,
                 "currentUnitId":"%s","managedUnitIds":[],
                 "memberships":[{"unitId":"%s","validFrom":"2025-01-01","validTo":"2025-12-31"},
                                {"unitId":"%s","validFrom":"2025-06-01","validTo":null}]}""".formatted(rep, other, team, other);
        events.send("RepChanged", rep, overlapping, UUID.randomUUID(), OCCURRED);
        await().atMost(PATIENCE).until(() -> deadLettered(rep));
        assertThat(directory.rep(rep).blockOptional()).isEmpty();
        assertThatThrownBy(() -> directory.requireKnownRep(rep).block())
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.getBody().getProperties()).containsEntry("id", rep.toString()));
        assertThatThrownBy(() -> directory.requireKnownUnit(team).block())
                .isInstanceOfSatisfying(ApiProblem.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(422);
                    assertThat(e.getBody().getType()).isEqualTo(ApiProblem.NOT_YET_KNOWN_HERE);
                    assertThat(e.getBody().getProperties()).containsEntry("kind", "unit");
                });
    }

    /** Whether targets.org.v1-dlt holds a record with this key. */
    private boolean deadLettered(UUID key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getRequiredProperty("spring.embedded.kafka.brokers"), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            String topic = Topics.deadLetterOf(Topics.TARGETS_ORG);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            boolean found = false;
            while (!found && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    found |= key.toString().equals(record.key());
                }
            }
            return found;
        }
    }

    private static RepState rep(UUID id, long version, MembershipPeriod... memberships) {
        return new RepState(id, "Rep " + version, null, null, "REP", true, null, List.of(memberships), null, version, OCCURRED);
    }

    /** Everything the replica holds about the golden unit and rep. */
    private String snapshot() {
        return db.sql("""
                SELECT (SELECT string_agg(concat_ws('|', id, parent_id, code, version, updated_at), ',') FROM org_unit WHERE id = :unit)
                    || (SELECT string_agg(concat_ws('|', rep_id, unit_id, valid_from, valid_to), ',' ORDER BY valid_from) FROM org_membership WHERE rep_id = :rep)
                    || (SELECT string_agg(concat_ws('|', unit_id, rep_id, valid_from, valid_to), ',') FROM org_unit_manager WHERE unit_id = :unit)
                    || (SELECT concat_ws('|', id, version, updated_at) FROM org_rep WHERE id = :rep)""")
                .bind("unit", SHANGHAI_TEAM).bind("rep", CHEN_LI)
                .map(row -> row.get(0, String.class)).one().block();
    }
}
