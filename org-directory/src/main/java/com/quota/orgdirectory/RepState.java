package com.quota.orgdirectory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The full state of a rep (any person in the tree) as {@link OrgReplicaStore} writes it: what {@code RepChanged}
 * carries, including the whole membership history.
 *
 * @param role        REP, MANAGER or DIRECTOR (the person's place in the tree; token roles decide access)
 * @param memberships every unit membership; no two periods overlap
 * @param version     the producer's version: a state is applied only over a lower version
 * @param changedAt   when the producer changed it (the event's occurredAt); may be null
 */
public record RepState(UUID id, String displayName, String title, String email, String role, boolean active,
                       LocalDate hireDate, List<MembershipPeriod> memberships, String externalRef, long version,
                       Instant changedAt) {

    public RepState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        memberships = DatedPeriod.sortedWithoutOverlap(memberships, "membership of rep " + id);
    }
}
