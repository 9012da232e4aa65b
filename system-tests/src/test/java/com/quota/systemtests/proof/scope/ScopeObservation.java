package com.quota.systemtests.proof.scope;

import java.util.List;
import java.util.Set;

/**
 * One scoped request and its answer: which family, through which door, as whom, the statuses it may get, the
 * status it got, and the owners of the rows it returned that are outside the caller's scope.
 */
public record ScopeObservation(String family, String via, String caller, String request, Set<Integer> expected, int status,
                               boolean problemJson, int rows, List<String> foreignRows) {

    public String describe() {
        return family + " via " + via + " as " + caller + ": " + request + " -> " + status + (foreignRows.isEmpty() ? ""
                : " with " + foreignRows.size() + " rows of another scope, e.g. " + foreignRows.subList(0, Math.min(3, foreignRows.size())));
    }
}
