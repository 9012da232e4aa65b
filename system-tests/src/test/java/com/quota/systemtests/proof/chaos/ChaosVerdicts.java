package com.quota.systemtests.proof.chaos;

import com.quota.systemtests.proof.Verdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The chaos proof's verdicts, each from plain observations (figures read over HTTP, rows counted, offsets listed), so
 * that a planted fault can be fed through exactly the code the real run uses.
 */
public final class ChaosVerdicts {

    /** How long after an outage ended a 503 still counts as "during the outage" (pools reconnecting, consumers rejoining). */
    public static final Duration RECOVERY = Duration.ofSeconds(15);
    public static final Duration MAX_ANSWER_DURING_OUTAGE = Duration.ofSeconds(2);
    public static final Duration MAX_LAG_RECOVERY = Duration.ofSeconds(60);

    private ChaosVerdicts() {
    }

    /** Σ attainment of every owner and metric equals, to the cent, what the accepted requests imply. */
    public static Verdict sums(Map<String, BigDecimal> expected, Map<String, BigDecimal> observed) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
            BigDecimal seen = observed.get(e.getKey());
            if (seen == null || seen.compareTo(e.getValue()) != 0) {
                wrong.add(e.getKey() + " expected " + e.getValue().toPlainString() + " observed " + (seen == null ? "nothing" : seen.toPlainString()));
            }
        }
        BigDecimal total = expected.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Verdict("Σ attainment per owner × metric, to the cent",
                expected.size() + " figures equal the requests' (Σ " + total.toPlainString() + ")",
                wrong.isEmpty() ? expected.size() + " equal" : wrong.size() + " differ: " + String.join("; ", wrong.subList(0, Math.min(4, wrong.size()))),
                wrong.isEmpty() && !expected.isEmpty());
    }

    /** Every request answered 2xx, or 503 problem+json within 2 s during an outage; never a hang, never a 500. */
    public static Verdict answers(List<RequestOutcome> outcomes, List<Outage> outages) {
        Map<String, Integer> bad = new TreeMap<>();
        long ok = 0;
        long refusedInOutage = 0;
        for (RequestOutcome o : outcomes) {
            if (o.success()) {
                ok++;
            } else if (o.problem503() && o.took().compareTo(MAX_ANSWER_DURING_OUTAGE) <= 0
                    && outages.stream().anyMatch(out -> out.covers(o.sent(), o.sent().plus(o.took()), RECOVERY))) {
                refusedInOutage++;
            } else {
                String why = !o.answered() ? "no answer within 30 s (" + o.error() + ")"
                        : o.status() == 503 && !o.problem503() ? "503 not problem+json"
                        : o.status() == 503 && o.took().compareTo(MAX_ANSWER_DURING_OUTAGE) > 0 ? "503 after more than 2 s"
                        : o.status() == 503 ? "503 outside an outage" : Integer.toString(o.status());
                bad.merge(o.kind() + ": " + why, 1, Integer::sum);
            }
        }
        long slowest = outcomes.stream().mapToLong(o -> o.took().toMillis()).max().orElse(0);
        long slowest503 = outcomes.stream().filter(o -> o.status() == 503).mapToLong(o -> o.took().toMillis()).max().orElse(0);
        return new Verdict("every request 2xx, or 503 problem+json ≤ 2 s in an outage",
                outcomes.size() + " requests, 0 other answers",
                ok + " × 2xx, " + refusedInOutage + " × 503 in an outage, slowest " + slowest + " ms (503: " + slowest503 + " ms)"
                        + (bad.isEmpty() ? "" : "; OTHER: " + bad),
                bad.isEmpty() && !outcomes.isEmpty());
    }

    /** One consumer's inbox: one row per distinct event of the types it recorded, no more, no fewer. */
    public static Verdict inbox(String consumer, long inboxRows, Set<UUID> inboxIds, Set<UUID> distinctTopicIds, long topicRecords) {
        Set<UUID> missing = new TreeSet<>(distinctTopicIds);
        missing.removeAll(inboxIds);
        Set<UUID> extra = new TreeSet<>(inboxIds);
        extra.removeAll(distinctTopicIds);
        boolean pass = inboxRows == distinctTopicIds.size() && missing.isEmpty() && extra.isEmpty() && !distinctTopicIds.isEmpty();
        return new Verdict("inbox rows = distinct events (" + consumer + ")",
                distinctTopicIds.size() + " rows (" + topicRecords + " records on the topics)",
                inboxRows + " rows" + (missing.isEmpty() ? "" : ", " + missing.size() + " events missing")
                        + (extra.isEmpty() ? "" : ", " + extra.size() + " rows of no event"),
                pass);
    }

    /** No valid event in any dead-letter topic. */
    public static Verdict deadLetters(Map<String, Long> recordsByDltTopic) {
        Map<String, Long> nonEmpty = recordsByDltTopic.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        return new Verdict("no event in any DLT", "0 records in " + recordsByDltTopic.size() + " -dlt topics",
                nonEmpty.isEmpty() ? "0" : nonEmpty.toString(), nonEmpty.isEmpty() && !recordsByDltTopic.isEmpty());
    }

    /** No parked inbox row and no parked outbox row in any database. */
    public static Verdict parked(Map<String, Long> parkedRowsByDatabase) {
        Map<String, Long> nonEmpty = parkedRowsByDatabase.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        return new Verdict("no parked row", "0 in " + parkedRowsByDatabase.size() + " databases",
                nonEmpty.isEmpty() ? "0" : nonEmpty.toString(), nonEmpty.isEmpty() && !parkedRowsByDatabase.isEmpty());
    }

    /** Every consumer group's lag back to 0 within 60 s of the last fault (null: it never was, within the patience). */
    public static Verdict lag(Duration untilZero, long lagAtEnd, int groups) {
        boolean pass = untilZero != null && untilZero.compareTo(MAX_LAG_RECOVERY) <= 0;
        return new Verdict("consumer lag 0 within 60 s of the last fault", "0 in " + groups + " groups within 60 s",
                untilZero == null ? "still " + lagAtEnd + " records behind" : "0 after " + untilZero.toMillis() / 1000.0 + " s", pass);
    }
}
