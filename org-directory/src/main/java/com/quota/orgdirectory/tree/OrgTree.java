package com.quota.orgdirectory.tree;

import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.ParentPeriod;
import com.quota.orgdirectory.RepState;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The org tree in memory, every question as of a day: parents, ancestors, subtrees, a rep's unit and managers, the
 * units a person manages. Plain Java; the reference the SQL adapter is checked against, and what services' unit tests
 * can stand on.
 */
public final class OrgTree {

    /** Longest parent chain followed; guards against a cycle in bad data. */
    static final int MAX_DEPTH = 64;

    private final Map<UUID, OrgUnitState> units;
    private final Map<UUID, RepState> reps;
    private final Map<UUID, List<ParentPeriod>> parents = new HashMap<>();
    private final Map<UUID, List<UUID>> childrenEver = new HashMap<>();

    private OrgTree(Map<UUID, OrgUnitState> units, Map<UUID, RepState> reps) {
        this.units = units;
        this.reps = reps;
        units.values().forEach(unit -> {
            parents.put(unit.id(), unit.parentPeriods());
            unit.parentPeriods().forEach(link ->
                    childrenEver.computeIfAbsent(link.parentId(), parent -> new ArrayList<>()).add(unit.id()));
        });
    }

    /** A tree of these units and reps (the latest state of each id wins, as in the store). */
    public static OrgTree of(Collection<OrgUnitState> units, Collection<RepState> reps) {
        Map<UUID, OrgUnitState> unitsById = new HashMap<>();
        units.forEach(unit -> unitsById.merge(unit.id(), unit, (a, b) -> b.version() > a.version() ? b : a));
        Map<UUID, RepState> repsById = new HashMap<>();
        reps.forEach(rep -> repsById.merge(rep.id(), rep, (a, b) -> b.version() > a.version() ? b : a));
        return new OrgTree(unitsById, repsById);
    }

    public Optional<OrgUnitState> unit(UUID unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    public Optional<RepState> rep(UUID repId) {
        return Optional.ofNullable(reps.get(repId));
    }

    public Collection<OrgUnitState> units() {
        return units.values();
    }

    public Collection<RepState> reps() {
        return reps.values();
    }

    /** The unit's parent on that day. */
    public Optional<UUID> parentOf(UUID unitId, LocalDate on) {
        return parents.getOrDefault(unitId, List.of()).stream()
                .filter(link -> link.covers(on))
                .map(ParentPeriod::parentId)
                .findFirst();
    }

    /** Ancestors on that day, nearest first, the unit excluded. */
    public List<UUID> ancestors(UUID unitId, LocalDate on) {
        Set<UUID> chain = new LinkedHashSet<>();
        Optional<UUID> parent = parentOf(unitId, on);
        while (parent.isPresent() && !parent.get().equals(unitId) && chain.add(parent.get()) && chain.size() < MAX_DEPTH) {
            parent = parentOf(parent.get(), on);
        }
        return List.copyOf(chain);
    }

    /** The unit and every unit below it on that day, the unit first (breadth first). */
    public List<UUID> subtree(UUID unitId, LocalDate on) {
        Set<UUID> found = new LinkedHashSet<>();
        found.add(unitId);
        Deque<UUID> queue = new ArrayDeque<>(List.of(unitId));
        while (!queue.isEmpty()) {
            UUID current = queue.removeFirst();
            for (UUID child : childrenEver.getOrDefault(current, List.of())) {
                if (parentOf(child, on).filter(current::equals).isPresent() && found.add(child)) {
                    queue.addLast(child);
                }
            }
        }
        return List.copyOf(found);
    }

    /** The rep's unit on that day. */
    public Optional<UUID> unitOf(UUID repId, LocalDate on) {
        RepState rep = reps.get(repId);
        if (rep == null) {
            return Optional.empty();
        }
        return rep.memberships().stream().filter(m -> m.covers(on)).map(MembershipPeriod::unitId).findFirst();
    }

    /** The manager of a unit on that day. */
    public Optional<UUID> managerOf(UUID unitId, LocalDate on) {
        OrgUnitState unit = units.get(unitId);
        if (unit == null) {
            return Optional.empty();
        }
        return unit.managers().stream().filter(m -> m.covers(on)).map(ManagerPeriod::repId).findFirst();
    }

    /** Managers of the rep's unit and its ancestors on that day, nearest first, without duplicates and without the rep. */
    public List<UUID> managersOf(UUID repId, LocalDate on) {
        Optional<UUID> unit = unitOf(repId, on);
        if (unit.isEmpty()) {
            return List.of();
        }
        List<UUID> chain = new ArrayList<>();
        chain.add(unit.get());
        chain.addAll(ancestors(unit.get(), on));
        Set<UUID> managers = new LinkedHashSet<>();
        chain.forEach(u -> managerOf(u, on).filter(manager -> !manager.equals(repId)).ifPresent(managers::add));
        return List.copyOf(managers);
    }

    /** The units this person manages on that day. */
    public Set<UUID> unitsManagedBy(UUID repId, LocalDate on) {
        Set<UUID> managed = new LinkedHashSet<>();
        units.values().forEach(unit -> unit.managers().stream()
                .filter(m -> m.repId().equals(repId) && m.covers(on))
                .findFirst()
                .ifPresent(m -> managed.add(unit.id())));
        return managed;
    }

    /** The reps whose unit on that day is one of these units. */
    public Set<UUID> repsIn(Collection<UUID> unitIds, LocalDate on) {
        Set<UUID> wanted = Set.copyOf(unitIds);
        Set<UUID> found = new LinkedHashSet<>();
        reps.values().forEach(rep -> unitOf(rep.id(), on).filter(wanted::contains).ifPresent(u -> found.add(rep.id())));
        return found;
    }
}
