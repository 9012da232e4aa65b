package com.quota.systemtests.proof.scope;

import com.quota.systemtests.proof.Verdict;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The verdicts of the scope part, from observations only. */
public final class ScopeVerdicts {

    private ScopeVerdicts() {
    }

    public static List<Verdict> judge(List<ScopeObservation> observations) {
        long rows = observations.stream().mapToLong(ScopeObservation::rows).sum();
        long families = observations.stream().map(ScopeObservation::family).distinct().count();
        return List.of(
                count("every (family, role, own/other) gets its status", observations, o -> !o.expected().contains(o.status())),
                count("no row of another scope in any answer", observations, o -> !o.foreignRows().isEmpty()),
                count("every 4xx is application/problem+json", observations, o -> o.status() >= 400 && !o.problemJson()),
                count("nothing changed by a refused write", observations, o -> !o.changes().isEmpty()),
                Verdict.of("rows checked", "> 0 rows in " + families + " families", rows + " rows", rows > 0));
    }

    private static Verdict count(String name, List<ScopeObservation> observations, Predicate<ScopeObservation> bad) {
        List<String> found = observations.stream().filter(bad).map(ScopeObservation::describe).toList();
        String examples = found.stream().limit(5).collect(Collectors.joining("\n        ", found.isEmpty() ? "" : " — e.g.\n        ", ""));
        return Verdict.of(name, "0 of " + observations.size(), found.size() + examples, found.isEmpty());
    }
}
