package com.quota.pipeline.failure;

/** A duplicate or a state that forbids the command (409 with the problem type {@code slug}). */
public class ConflictException extends RuntimeException {

    private final String slug;

    public ConflictException(String slug, String message) {
        super(message);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
