package com.quota.systemtests.proof.input;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Counts of answers per kind of bad input and status, printed under the verdict table. */
final class Summary {

    private Summary() {
    }

    static String byKindAndStatus(List<Exchange> refused, List<Exchange> mayAccept) {
        Map<String, Map<Integer, Long>> counts = new TreeMap<>();
        for (List<Exchange> list : List.of(refused, mayAccept)) {
            for (Exchange e : list) {
                counts.computeIfAbsent(e.request().kind().name(), k -> new TreeMap<>()).merge(e.status(), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().map(e -> String.format("  %-24s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n", "answers per kind of bad input (status=count):\n", ""));
    }

    static String byStatus(List<Exchange> refused, List<Exchange> mayAccept) {
        return "answers per status: must-refuse " + statuses(refused) + ", may-accept " + statuses(mayAccept);
    }

    static String callers(Map<String, Set<String>> callersByOperation, Map<String, Integer> requestsPerCaller) {
        Map<String, Long> counts = new TreeMap<>();
        callersByOperation.values().forEach(callers -> callers.forEach(c -> counts.merge(c, 1L, Long::sum)));
        return "operations per caller (callers not refused with 403 that sent the operation's requests): " + counts
                + "\nanswers kept per caller: " + requestsPerCaller;
    }

    private static Map<Integer, Long> statuses(List<Exchange> exchanges) {
        Map<Integer, Long> out = new TreeMap<>();
        exchanges.forEach(e -> out.merge(e.status(), 1L, Long::sum));
        return out;
    }
}
