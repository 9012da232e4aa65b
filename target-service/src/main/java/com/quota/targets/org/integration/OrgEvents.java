package com.quota.targets.org.integration;

import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.orgdirectory.DatedPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.RepState;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The org tree's integration events, full state per key on the compacted {@code targets.org.v1}: what
 * {@code OrgUnitChanged} and {@code RepChanged} carry (event-contracts' schemas).
 */
public final class OrgEvents {

    /**
     * {@code OrgUnitChanged} v1. {@code managerHistory} is the additive field org-directory's replica takes as is (so every
     * replica holds the same dated managers as this service), declared in v1 as optional.
     */
    public record OrgUnitChanged(UUID unitId, String code, String name, String type, UUID parentId, UUID managerId,
                                 String status, long version, LocalDate validFrom, LocalDate validTo,
                                 List<ParentLink> parentHistory, List<ManagerLink> managerHistory, String externalRef) {
    }

    /** One dated manager of a unit, oldest first; validTo inclusive, null while open. */
    public record ManagerLink(UUID repId, LocalDate validFrom, LocalDate validTo) {
    }

    /** One dated parent of a unit. */
    public record ParentLink(UUID parentId, LocalDate validFrom, LocalDate validTo) {
    }

    /** {@code RepChanged} v1. */
    public record RepChanged(UUID repId, String displayName, String title, String email, String role, String status,
                             long version, UUID currentUnitId, List<UUID> managedUnitIds, List<Membership> memberships,
                             LocalDate hireDate, String externalRef) {
    }

    /** One dated membership of a rep. */
    public record Membership(UUID unitId, LocalDate validFrom, LocalDate validTo) {
    }

    private OrgEvents() {
    }

    public static OutboxMessage unitChanged(OrgUnitState unit, LocalDate today) {
        UUID manager = unit.managers().stream().filter(m -> m.covers(today)).map(m -> m.repId()).findFirst().orElse(null);
        OrgUnitChanged payload = new OrgUnitChanged(unit.id(), unit.code(), unit.name(), unit.type(), unit.parentId(), manager,
                unit.active() ? "ACTIVE" : "INACTIVE", unit.version(), unit.validFrom(), unit.validTo(),
                unit.parentPeriods().stream().map(p -> new ParentLink(p.parentId(), p.validFrom(), p.validTo())).toList(),
                unit.managers().stream().sorted(java.util.Comparator.comparing(m -> m.validFrom()))
                        .map(m -> new ManagerLink(m.repId(), m.validFrom(), m.validTo())).toList(),
                unit.externalRef());
        return OutboxMessage.of(EventType.ORG_UNIT_CHANGED, unit.id()).payload(payload).build();
    }

    public static OutboxMessage repChanged(RepState rep, List<UUID> managedUnitIds, LocalDate today) {
        UUID current = rep.memberships().stream().filter(m -> m.covers(today)).map(MembershipPeriod::unitId).findFirst()
                .orElse(null);
        RepChanged payload = new RepChanged(rep.id(), rep.displayName(), rep.title(), rep.email(), rep.role(),
                rep.active() ? "ACTIVE" : "INACTIVE", rep.version(), current, List.copyOf(managedUnitIds),
                rep.memberships().stream().map(m -> new Membership(m.unitId(), m.validFrom(), m.validTo())).toList(),
                rep.hireDate(), rep.externalRef());
        return OutboxMessage.of(EventType.REP_CHANGED, rep.id()).payload(payload).build();
    }

    static boolean covers(DatedPeriod period, LocalDate day) {
        return period.covers(day);
    }
}
