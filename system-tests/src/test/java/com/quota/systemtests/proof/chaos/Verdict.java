package com.quota.systemtests.proof.chaos;

import java.util.List;

/** One promise of the proof and how the run kept it: what was expected, what was observed, PASS or FAIL. */
public record Verdict(String name, String expected, String observed, boolean pass) {

    /** The verdicts as a plain-text table (verdict, expected, observed, PASS/FAIL), as the proof prints it. */
    public static String table(String title, List<Verdict> verdicts) {
        int name = Math.max(7, verdicts.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int expected = Math.max(8, verdicts.stream().mapToInt(v -> v.expected().length()).max().orElse(0));
        int observed = Math.max(8, verdicts.stream().mapToInt(v -> v.observed().length()).max().orElse(0));
        String row = "| %-" + name + "s | %-" + expected + "s | %-" + observed + "s | %-4s |%n";
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(row, "verdict", "expected", "observed", ""));
        out.append(String.format(row, "-".repeat(name), "-".repeat(expected), "-".repeat(observed), "----"));
        for (Verdict v : verdicts) {
            out.append(String.format(row, v.name(), v.expected(), v.observed(), v.pass() ? "PASS" : "FAIL"));
        }
        return out.toString();
    }
}
