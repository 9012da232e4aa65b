package com.quota.contract.lifecycle;

import java.util.UUID;

/** Who did something: the token subject and, for people in the org tree, their rep id. */
public record Actor(String subject, UUID repId) {

    public Actor {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("an actor needs a subject");
        }
    }

    /** True when both are the same person or client (same subject, or same rep). */
    public boolean sameAs(Actor other) {
        return other != null && (subject.equals(other.subject) || repId != null && repId.equals(other.repId));
    }
}
