package com.quota.targets.definition;

/** The thing asked for does not exist or lies outside the caller's scope (404; never says which). */
public class NotVisible extends RuntimeException {

    public NotVisible(String what) {
        super(what + " not found");
    }
}
