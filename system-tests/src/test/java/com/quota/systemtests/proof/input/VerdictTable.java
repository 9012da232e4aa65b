package com.quota.systemtests.proof.input;

import java.util.List;
import java.util.stream.Collectors;

/** Prints verdicts as a table and says which failed; the test fails on any failed verdict. */
public final class VerdictTable {

    private VerdictTable() {
    }

    public static String render(String title, List<Verdict> verdicts) {
        StringBuilder out = new StringBuilder("\n=== ").append(title).append(" ===\n");
        out.append(String.format("%-4s | %-44s | %-34s | %s%n", "", "verdict", "expected", "observed"));
        for (Verdict v : verdicts) {
            out.append(String.format("%-4s | %-44s | %-34s | %s%n", v.passed() ? "PASS" : "FAIL", v.name(), v.expected(),
                    v.observed()));
        }
        return out.toString();
    }

    public static List<Verdict> failed(List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> !v.passed()).toList();
    }

    public static String names(List<Verdict> verdicts) {
        return verdicts.stream().map(Verdict::name).collect(Collectors.joining(", "));
    }
}
