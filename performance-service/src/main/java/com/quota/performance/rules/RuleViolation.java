package com.quota.performance.rules;

import java.util.Objects;

/**
 * A request the domain refuses: either inconsistent input ({@link Kind#UNPROCESSABLE}, 422) or a change the current
 * state forbids ({@link Kind#STATE_CONFLICT}, 409). The {@code slug} is the stable problem type the API shows.
 */
public final class RuleViolation extends RuntimeException {

    /** How the refusal is reported. */
    public enum Kind { UNPROCESSABLE, STATE_CONFLICT }

    private final Kind kind;
    private final String slug;

    private RuleViolation(Kind kind, String slug, String detail) {
        super(detail);
        this.kind = Objects.requireNonNull(kind);
        this.slug = Objects.requireNonNull(slug);
    }

    /** Well-formed input that breaks a business rule (weights not 100, gapped tiers, a negative cap). */
    public static RuleViolation unprocessable(String slug, String detail) {
        return new RuleViolation(Kind.UNPROCESSABLE, slug, detail);
    }

    /** A change of something whose state no longer allows it (a finalized scorecard, an issued statement). */
    public static RuleViolation stateConflict(String slug, String detail) {
        return new RuleViolation(Kind.STATE_CONFLICT, slug, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    /** Throws an unprocessable violation unless the condition holds. */
    public static void require(boolean condition, String slug, String detail) {
        if (!condition) {
            throw unprocessable(slug, detail);
        }
    }
}
