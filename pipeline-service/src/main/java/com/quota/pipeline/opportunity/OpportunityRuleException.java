package com.quota.pipeline.opportunity;

/**
 * A well-formed request that breaks a business rule (splits not summing to 100, a stage of another pipeline):
 * the web layer answers 422 with the problem type {@code slug}.
 */
public class OpportunityRuleException extends RuntimeException {

    private final String slug;

    public OpportunityRuleException(String slug, String message) {
        super(message);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
