package com.quota.pipeline.failure;

/**
 * A well-formed request that breaks a business rule (splits not summing to 100, a stage of another pipeline):
 * the web layer answers 422 with the problem type {@code slug}.
 */
public class RuleViolationException extends RuntimeException {

    private final String slug;

    public RuleViolationException(String slug, String message) {
        super(message);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
