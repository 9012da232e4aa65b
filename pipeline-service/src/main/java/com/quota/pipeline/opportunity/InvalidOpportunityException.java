package com.quota.pipeline.opportunity;

/** A field of an opportunity request with an invalid value (the web layer answers 400 naming the field). */
public class InvalidOpportunityException extends RuntimeException {

    private final String field;

    public InvalidOpportunityException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
