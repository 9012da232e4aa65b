package com.quota.orgdirectory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The full state of an org unit as {@link OrgReplicaStore} writes it: what {@code OrgUnitChanged} carries, with the
 * parent and manager periods spelled out.
 *
 * @param parentId  the parent today; null only for the company root
 * @param type      COMPANY, REGION or TEAM
 * @param validFrom first day of the unit
 * @param validTo   last day (inclusive); null while it exists
 * @param parents   the dated parents, oldest first; empty means {@code parentId} for the unit's whole life
 * @param managers  who managed the unit when; no two periods overlap
 * @param version   the producer's version: a state is applied only over a lower version
 * @param changedAt when the producer changed it (the event's occurredAt); may be null
 */
public record OrgUnitState(UUID id, UUID parentId, String code, String name, String type, boolean active,
                           LocalDate validFrom, LocalDate validTo, List<ParentPeriod> parents,
                           List<ManagerPeriod> managers, String externalRef, long version, Instant changedAt) {

    public OrgUnitState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        DatedPeriod.check(validFrom, validTo, "unit " + id);
        parents = DatedPeriod.sortedWithoutOverlap(parents, "parent of unit " + id);
        managers = DatedPeriod.sortedWithoutOverlap(managers, "manager of unit " + id);
        if (parents.stream().anyMatch(parent -> parent.parentId().equals(id))) {
            throw new IllegalArgumentException("unit " + id + " cannot be its own parent");
        }
        if (id.equals(parentId)) {
            throw new IllegalArgumentException("unit " + id + " cannot be its own parent");
        }
    }

    /** The dated parents to store: the explicit history, else {@code parentId} over the unit's whole life. */
    public List<ParentPeriod> parentPeriods() {
        if (!parents.isEmpty()) {
            return parents;
        }
        return parentId == null ? List.of() : List.of(new ParentPeriod(parentId, validFrom, validTo));
    }

    /** The same state retired ({@code active=false}) at a higher version. */
    public OrgUnitState retired(long newVersion, Instant at) {
        return new OrgUnitState(id, parentId, code, name, type, false, validFrom, validTo, parents, managers,
                externalRef, newVersion, at);
    }
}
