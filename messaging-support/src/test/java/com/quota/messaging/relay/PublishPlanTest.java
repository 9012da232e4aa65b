package com.quota.messaging.relay;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class PublishPlanTest {

    record Row(long position, String key) {
    }

    private static PublishPlan<Row> plan(List<Row> rows, Map<String, Long> foreignHeads) {
        return new PublishPlan<>(rows, Row::position, Row::key, foreignHeads);
    }

    @Test
    void eachRoundSendsTheNextRowOfEveryKey() {
        PublishPlan<Row> plan = plan(List.of(new Row(1, "a"), new Row(2, "a"), new Row(3, "b"), new Row(4, "a")), Map.of());

        assertThat(plan.nextRound()).containsExactly(new Row(1, "a"), new Row(3, "b"));
        assertThat(plan.nextRound()).containsExactly(new Row(2, "a"));
        assertThat(plan.nextRound()).containsExactly(new Row(4, "a"));
        assertThat(plan.nextRound()).isEmpty();
        assertThat(plan.heldBack()).isEmpty();
    }

    @Test
    void aFailedRowStopsTheLaterRowsOfItsKeyButNotOtherKeys() {
        PublishPlan<Row> plan = plan(List.of(new Row(1, "a"), new Row(2, "b"), new Row(3, "a"), new Row(4, "b")), Map.of());

        List<Row> first = plan.nextRound();
        plan.failed(first.get(0));

        assertThat(plan.nextRound()).containsExactly(new Row(4, "b"));
        assertThat(plan.nextRound()).isEmpty();
        assertThat(plan.heldBack()).containsExactly(new Row(3, "a"));
    }

    @Test
    void rowsBehindAnEarlierRowHeldElsewhereAreNotSent() {
        // another relay holds key a's row 5; this batch has a's rows 3 and 7 and b's row 8
        PublishPlan<Row> plan = plan(List.of(new Row(3, "a"), new Row(7, "a"), new Row(8, "b")), Map.of("a", 5L));

        assertThat(plan.nextRound()).containsExactly(new Row(3, "a"), new Row(8, "b"));
        assertThat(plan.nextRound()).isEmpty();
        assertThat(plan.heldBack()).containsExactly(new Row(7, "a"));
    }

    @Test
    void keysNeverOvertakeThemselvesWhateverFailsOrIsHeldElsewhere() {
        Gen<List<Integer>> keysOfRows = lists().of(integers().between(0, 4)).ofSizeBetween(1, 40);
        Gen<List<Integer>> failingPositions = lists().of(integers().between(0, 39)).ofSizeBetween(0, 6);
        Gen<List<Integer>> foreignHeadPerKey = lists().of(integers().between(-1, 45)).ofSize(5);
        qt().withExamples(500).forAll(keysOfRows, failingPositions, foreignHeadPerKey).checkAssert((keys, failing, heads) -> {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                // even positions in this batch; rows held elsewhere get odd ones (positions are unique)
                rows.add(new Row(2L * i, "k" + keys.get(i)));
            }
            Map<String, Long> foreign = new HashMap<>();
            for (int k = 0; k < heads.size(); k++) {
                if (heads.get(k) >= 0) {
                    foreign.put("k" + k, 2L * heads.get(k) + 1);
                }
            }
            Set<Long> failures = failing.stream().map(i -> 2L * i).collect(Collectors.toSet());
            PublishPlan<Row> plan = plan(rows, foreign);
            List<Row> sent = new ArrayList<>();
            Set<Row> failed = new HashSet<>();
            for (List<Row> round = plan.nextRound(); !round.isEmpty(); round = plan.nextRound()) {
                assertThat(round.stream().map(Row::key).distinct().count()).as("one row per key per round").isEqualTo(round.size());
                for (Row row : round) {
                    if (failures.contains(row.position())) {
                        plan.failed(row);
                        failed.add(row);
                    } else {
                        sent.add(row);
                    }
                }
            }
            for (String key : rows.stream().map(Row::key).distinct().toList()) {
                List<Row> ofKey = rows.stream().filter(r -> r.key().equals(key)).toList();
                List<Row> sentOfKey = sent.stream().filter(r -> r.key().equals(key)).toList();
                List<Row> attempted = ofKey.stream().filter(r -> sentOfKey.contains(r) || failed.contains(r)).toList();
                // what went out (or was tried) is a prefix of the key's rows, in order, and stops at the first failure
                assertThat(attempted).isEqualTo(ofKey.subList(0, attempted.size()));
                assertThat(sentOfKey).isEqualTo(attempted.stream().filter(r -> !failed.contains(r)).toList());
                assertThat(attempted.stream().filter(failed::contains).count()).isLessThanOrEqualTo(1);
                Long head = foreign.get(key);
                if (head != null) {
                    assertThat(attempted).allMatch(r -> r.position() < head);
                }
                // nothing is lost: every row was sent, failed or held back
                assertThat(ofKey).allMatch(r -> sent.contains(r) || failed.contains(r) || plan.heldBack().contains(r));
            }
        });
    }
}
