package com.quota.authserver.directory;

import java.util.Optional;
import java.util.UUID;

/** A user who may sign in, with the role and (for people of the org tree) the rep id their tokens carry. */
public record Identity(String username, String displayName, Role role, UUID repId) {

    public Optional<UUID> repIdIfPerson() {
        return Optional.ofNullable(repId);
    }
}
