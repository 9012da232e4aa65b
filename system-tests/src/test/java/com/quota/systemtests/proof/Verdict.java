package com.quota.systemtests.proof;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One promise of the proof suite and how a run kept it: what was expected, what was observed, PASS or FAIL. Every part
 * prints its verdicts with {@link #table} and fails on {@link #failed}.
 */
public record Verdict(String name, String expected, String observed, boolean passed) {

    public static Verdict of(String name, String expected, String observed, boolean passed) {
        return new Verdict(name, expected, observed, passed);
    }

    /** The verdicts as a plain-text table (verdict, expected, observed, PASS/FAIL), as the proof prints it. */
    public static String table(String title, List<Verdict> verdicts) {
        int name = Math.max(7, verdicts.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int expected = Math.max(8, verdicts.stream().mapToInt(v -> v.expected().length()).max().orElse(0));
        int observed = Math.max(8, verdicts.stream().mapToInt(v -> v.observed().length()).max().orElse(0));
        String row = "| %-" + name + "s | %-" + expected + "s | %-" + observed + "s | %-4s |%n";
        StringBuilder out = new StringBuilder(System.lineSeparator()).append(title).append(System.lineSeparator());
        out.append(String.format(row, "verdict", "expected", "observed", ""));
        out.append(String.format(row, "-".repeat(name), "-".repeat(expected), "-".repeat(observed), "----"));
        for (Verdict v : verdicts) {
            out.append(String.format(row, v.name(), v.expected(), v.observed(), v.passed() ? "PASS" : "FAIL"));
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
