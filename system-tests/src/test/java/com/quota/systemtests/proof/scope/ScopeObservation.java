package com.quota.systemtests.proof.scope;

import java.util.List;
import java.util.Set;

/**
 * One scoped request and its answer: which family, through which door, as whom, the statuses it may get, the
 * status it got, the owners of the rows it returned that are outside the caller's scope, what the admin's read-back
 * found changed by it (for a write), and whether it was a write the caller may do (which must change its record) rather
 * than one that had to be refused (which must change nothing).
 */
public record ScopeObservation(String family, String via, String caller, String request, Set<Integer> expected, int status,
                               boolean problemJson, int rows, List<String> foreignRows, List<String> changes, boolean allowedWrite) {

    public ScopeObservation(String family, String via, String caller, String request, Set<Integer> expected, int status,
                            boolean problemJson, int rows, List<String> foreignRows, List<String> changes) {
        this(family, via, caller, request, expected, status, problemJson, rows, foreignRows, changes, false);
    }

    public ScopeObservation(String family, String via, String caller, String request, Set<Integer> expected, int status,
                            boolean problemJson, int rows, List<String> foreignRows) {
        this(family, via, caller, request, expected, status, problemJson, rows, foreignRows, List.of());
    }

    public String describe() {
        return family + " via " + via + " as " + caller + ": " + request + " -> " + status + (foreignRows.isEmpty() ? ""
                : " with " + foreignRows.size() + " rows of another scope, e.g. " + foreignRows.subList(0, Math.min(3, foreignRows.size())))
                + (changes.isEmpty() ? (allowedWrite ? " and changed nothing" : "") : " and changed " + changes);
    }
}
