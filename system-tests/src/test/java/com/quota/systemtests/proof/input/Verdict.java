package com.quota.systemtests.proof.input;

/** One line of a proof verdict table: what was promised, what was seen, and whether the promise held. */
public record Verdict(String name, String expected, String observed, boolean passed) {

    public static Verdict of(String name, String expected, String observed, boolean passed) {
        return new Verdict(name, expected, observed, passed);
    }
}
