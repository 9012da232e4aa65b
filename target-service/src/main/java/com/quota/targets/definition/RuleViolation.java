package com.quota.targets.definition;

/**
 * A well-formed request that breaks a business rule (all weights zero, an unknown history, a transition not allowed);
 * the web layer answers it as problem+json with {@link #slug()} as the problem type.
 */
public class RuleViolation extends RuntimeException {

    private final String slug;

    public RuleViolation(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    /** The stable problem type slug, e.g. {@code weights-all-zero}. */
    public String slug() {
        return slug;
    }
}
