package com.quota.orgdirectory.tree;

import com.quota.orgdirectory.ManagerPeriod;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The manager periods of a unit after an {@code OrgUnitChanged} that names only today's manager: v1 of the event
 * carries no manager history, so the replica keeps its own. The first state seen gives its manager the unit's whole
 * life (a replay of the compacted topic knows no better); a later change of manager closes the open period the day
 * before the change takes effect and opens the new manager's period from that day.
 */
public final class ManagerHistory {

    private ManagerHistory() {
    }

    /**
     * @param known            the stored periods (empty when the unit is new here)
     * @param managerNow       the manager the new state names; null when vacant
     * @param effectiveFrom    the day the change takes effect (the event's occurredAt in the company's zone)
     * @param unitValidFrom    first day of the unit
     * @param unitValidTo      last day of the unit, null while it exists
     */
    public static List<ManagerPeriod> afterChange(List<ManagerPeriod> known, UUID managerNow, LocalDate effectiveFrom,
                                                  LocalDate unitValidFrom, LocalDate unitValidTo) {
        List<ManagerPeriod> periods = new ArrayList<>(known);
        periods.sort(Comparator.comparing(ManagerPeriod::validFrom));
        if (periods.isEmpty()) {
            return managerNow == null ? List.of() : List.of(new ManagerPeriod(managerNow, unitValidFrom, unitValidTo));
        }
        ManagerPeriod last = periods.get(periods.size() - 1);
        boolean lastIsOpen = last.validTo() == null || !last.validTo().isBefore(effectiveFrom);
        if (lastIsOpen && Objects.equals(last.repId(), managerNow)) {
            return List.copyOf(periods);
        }
        LocalDate start = effectiveFrom.isBefore(unitValidFrom) ? unitValidFrom : effectiveFrom;
        List<ManagerPeriod> kept = new ArrayList<>();
        for (ManagerPeriod period : periods) {
            if (!period.validFrom().isBefore(start)) {
                continue; // superseded by the new state
            }
            boolean reachesStart = period.validTo() == null || !period.validTo().isBefore(start);
            // an outgoing manager keeps their days before the change
            kept.add(reachesStart ? new ManagerPeriod(period.repId(), period.validFrom(), start.minusDays(1)) : period);
        }
        if (managerNow != null && (unitValidTo == null || !start.isAfter(unitValidTo))) {
            kept.add(new ManagerPeriod(managerNow, start, unitValidTo));
        }
        return List.copyOf(kept);
    }
}
