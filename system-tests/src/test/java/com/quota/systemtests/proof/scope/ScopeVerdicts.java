package com.quota.systemtests.proof.scope;

import com.quota.systemtests.proof.Verdict;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The verdicts of the scope part, from observations only. */
public final class ScopeVerdicts {

    /**
     * A write the caller may do on a record in its scope (or, for a client with the family's token scope, on any record)
     * must answer 2xx and change the record as the admin reads it back: a refusal means a scope or role check too tight,
     * a 2xx without a change a write that did nothing. At least one such write must have been sent.
     */
    static final String ALLOWED_WRITES = "every allowed write succeeds and changes its record";

    private ScopeVerdicts() {
    }

    public static List<Verdict> judge(List<ScopeObservation> observations) {
        long rows = observations.stream().mapToLong(ScopeObservation::rows).sum();
        long families = observations.stream().map(ScopeObservation::family).distinct().count();
        return List.of(
                count("every (family, role, own/other) gets its status", observations, o -> !o.expected().contains(o.status())),
                count("no row of another scope in any answer", observations, o -> !o.foreignRows().isEmpty()),
                count("every 4xx is application/problem+json", observations, o -> o.status() >= 400 && !o.problemJson()),
                count("nothing changed by a refused write", observations, o -> !o.allowedWrite() && !o.changes().isEmpty()),
                allowedWrites(observations.stream().filter(ScopeObservation::allowedWrite).toList()),
                Verdict.of("rows checked", "> 0 rows in " + families + " families", rows + " rows", rows > 0));
    }

    private static Verdict allowedWrites(List<ScopeObservation> allowed) {
        List<String> found = allowed.stream().filter(o -> o.status() / 100 != 2 || o.changes().isEmpty())
                .map(ScopeObservation::describe).toList();
        String examples = found.stream().limit(5).collect(Collectors.joining("\n        ", found.isEmpty() ? "" : " — e.g.\n        ", ""));
        return Verdict.of(ALLOWED_WRITES, "0 of " + allowed.size() + " (> 0 sent)", found.size() + examples,
                found.isEmpty() && !allowed.isEmpty());
    }

    private static Verdict count(String name, List<ScopeObservation> observations, Predicate<ScopeObservation> bad) {
        List<String> found = observations.stream().filter(bad).map(ScopeObservation::describe).toList();
        String examples = found.stream().limit(5).collect(Collectors.joining("\n        ", found.isEmpty() ? "" : " — e.g.\n        ", ""));
        return Verdict.of(name, "0 of " + observations.size(), found.size() + examples, found.isEmpty());
    }
}
