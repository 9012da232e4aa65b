package com.quota.pipeline.failure;

import java.util.UUID;

/** A rep or unit this service has not heard of yet from the org events (422 "not yet known here; retry"). */
public class NotYetKnownException extends RuntimeException {

    private final String kind;
    private final UUID id;

    public NotYetKnownException(String kind, UUID id) {
        super(kind + " " + id + " is not yet known here; retry");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public UUID id() {
        return id;
    }
}
