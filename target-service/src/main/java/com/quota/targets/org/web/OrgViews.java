package com.quota.targets.org.web;

import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.RepState;
import com.quota.targets.org.persistence.OrgTreeReader;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The org tree's JSON shapes. */
final class OrgViews {

    private OrgViews() {
    }

    /** {@code PUT /api/org/units/{id}} body. */
    record UnitBody(String code, String name, String type, UUID parentId, UUID managerId, LocalDate validFrom,
                    LocalDate effectiveFrom, String externalRef) {
    }

    /** {@code PUT /api/org/reps/{id}} body. */
    record RepBody(String username, String displayName, String role, UUID unitId, String title, String email,
                   LocalDate hireDate, LocalDate validFrom, LocalDate effectiveFrom, String externalRef) {
    }

    /** {@code POST /api/org/reps/{id}/moves} body. */
    record MoveBody(UUID unitId, LocalDate effectiveFrom, String reason) {
    }

    /** {@code POST .../deactivation} body. */
    record DeactivationBody(LocalDate lastDay, String reason) {
    }

    record Period(UUID id, LocalDate validFrom, LocalDate validTo) {
    }

    record UnitView(UUID id, String code, String name, String type, UUID parentId, UUID managerId, String status,
                    LocalDate validFrom, LocalDate validTo, long version, List<Period> parentHistory, List<Period> managers,
                    String externalRef) {

        static UnitView of(OrgUnitState unit, LocalDate today) {
            UUID manager = unit.managers().stream().filter(m -> m.covers(today)).map(m -> m.repId()).findFirst().orElse(null);
            return new UnitView(unit.id(), unit.code(), unit.name(), unit.type(), unit.parentId(), manager,
                    unit.active() ? "ACTIVE" : "INACTIVE", unit.validFrom(), unit.validTo(), unit.version(),
                    unit.parentPeriods().stream().map(p -> new Period(p.parentId(), p.validFrom(), p.validTo())).toList(),
                    unit.managers().stream().map(m -> new Period(m.repId(), m.validFrom(), m.validTo())).toList(),
                    unit.externalRef());
        }
    }

    record RepView(UUID id, String username, String displayName, String role, String title, String email,
                   LocalDate hireDate, String status, UUID currentUnitId, List<Period> memberships,
                   List<UUID> managedUnitIds, long version, String externalRef) {

        static RepView of(RepState rep, String username, List<UUID> managed, LocalDate today) {
            UUID current = rep.memberships().stream().filter(m -> m.covers(today)).map(m -> m.unitId()).findFirst().orElse(null);
            return new RepView(rep.id(), username, rep.displayName(), rep.role(), rep.title(), rep.email(), rep.hireDate(),
                    rep.active() ? "ACTIVE" : "INACTIVE", current,
                    rep.memberships().stream().map(m -> new Period(m.unitId(), m.validFrom(), m.validTo())).toList(),
                    managed, rep.version(), rep.externalRef());
        }
    }

    /** {@code GET /api/org/units/{id}/subtree}: the units below (the unit first) and the people in them on the day. */
    record Subtree(UUID unitId, LocalDate asOf, List<OrgTreeReader.UnitNode> units, List<OrgTreeReader.RepNode> reps) {
    }

    /** A list of ids answering "who manages" or "what is managed" on a day. */
    record Ids(UUID id, LocalDate asOf, List<UUID> ids) {
    }

    record AuditPage(List<?> items, PageInfo page) {
    }

    record PageInfo(int number, int size, long totalElements, int totalPages) {

        static PageInfo of(int number, int size, long total) {
            return new PageInfo(number, size, total, (int) ((total + size - 1) / size));
        }
    }
}
