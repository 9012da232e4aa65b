package com.quota.systemtests.proof.input;

import com.quota.systemtests.proof.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The verdicts of the bad-input part, from observations only: the answers to requests that must be refused and to
 * requests that may be accepted, and the store before and after the refused ones.
 */
public final class BadInputVerdicts {

    static final int EXAMPLES = 5;

    private BadInputVerdicts() {
    }

    /** The idempotency replay check: the same create twice with one key, then another body with that key. */
    public record Replay(int firstStatus, int replayStatus, boolean sameId, long rowsAdded, int otherBodyStatus,
                         boolean otherBodyProblem) {
    }

    public static List<Verdict> judge(List<Exchange> refused, List<Exchange> mayAccept, StoreSnapshot before,
                                      StoreSnapshot after, Replay replay) {
        List<Exchange> all = new ArrayList<>(refused);
        all.addAll(mayAccept);
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(count("no 5xx and no request left unanswered", all, e -> e.status() >= 500 || e.status() == 0));
        verdicts.add(count("every 4xx is application/problem+json", all,
                e -> e.status() >= 400 && e.status() < 500 && !e.problemJson()));
        verdicts.add(count("bad input gets its status of ARCHITECTURE.md", refused,
                e -> e.status() != 0 && e.status() < 500 && !e.request().expected().contains(e.status())));
        verdicts.add(count("may-accept input: 2xx or a refusal status", mayAccept,
                e -> e.status() != 0 && e.status() < 500 && !(e.status() < 300 || e.request().expected().contains(e.status()))));
        if (before != null && after != null) {
            List<String> diff = before.differences(after);
            verdicts.add(Verdict.of("refused requests change no row and no topic",
                    "0 of " + before.tables().size() + " tables, " + before.topicEnds().size() + " partitions differ",
                    diff.size() + " differ" + examples(diff), diff.isEmpty()));
        }
        if (replay != null) {
            boolean ok = replay.firstStatus() == 201 && replay.replayStatus() == 201 && replay.sameId() && replay.rowsAdded() == 1
                    && replay.otherBodyStatus() >= 400 && replay.otherBodyStatus() < 500 && replay.otherBodyProblem();
            verdicts.add(Verdict.of("replayed Idempotency-Key creates once", "201, 201 same id, +1 row; other body 4xx problem",
                    replay.firstStatus() + ", " + replay.replayStatus() + (replay.sameId() ? " same id" : " OTHER id") + ", +"
                            + replay.rowsAdded() + " row; other body " + replay.otherBodyStatus()
                            + (replay.otherBodyProblem() ? " problem" : " not problem+json"), ok));
        }
        return verdicts;
    }

    private static Verdict count(String name, List<Exchange> exchanges, Predicate<Exchange> bad) {
        List<String> found = exchanges.stream().filter(bad).map(Exchange::describe).toList();
        return Verdict.of(name, "0 of " + exchanges.size(), found.size() + examples(found), found.isEmpty());
    }

    private static String examples(List<String> found) {
        if (found.isEmpty()) {
            return "";
        }
        return found.stream().limit(EXAMPLES).collect(Collectors.joining("\n        ", " — e.g.\n        ", ""));
    }
}
