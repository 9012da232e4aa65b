package com.quota.pipeline.failure;

/** The caller's role may not do this at all (403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
