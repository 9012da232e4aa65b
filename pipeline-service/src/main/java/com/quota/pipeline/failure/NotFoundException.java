package com.quota.pipeline.failure;

/** The thing does not exist or is outside the caller's scope (404; never says which). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
