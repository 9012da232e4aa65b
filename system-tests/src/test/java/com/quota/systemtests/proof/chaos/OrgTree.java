package com.quota.systemtests.proof.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The org tree the proof built through the API, kept on the test's side: each unit's parent and each rep's unit. The
 * expected figures of every unit are recomputed from it, never read from the services' tables.
 */
public final class OrgTree {

    private final Map<UUID, UUID> parentOfUnit = new LinkedHashMap<>();
    private final Map<UUID, UUID> unitOfRep = new LinkedHashMap<>();

    public OrgTree unit(UUID unit, UUID parent) {
        parentOfUnit.put(unit, parent);
        return this;
    }

    public OrgTree rep(UUID rep, UUID unit) {
        unitOfRep.put(rep, unit);
        return this;
    }

    public List<UUID> units() {
        return List.copyOf(parentOfUnit.keySet());
    }

    public List<UUID> reps() {
        return List.copyOf(unitOfRep.keySet());
    }

    /** The rep's unit and every unit above it, bottom up. */
    public List<UUID> unitsAbove(UUID rep) {
        List<UUID> units = new ArrayList<>();
        for (UUID unit = unitOfRep.get(rep); unit != null; unit = parentOfUnit.get(unit)) {
            units.add(unit);
        }
        return units;
    }

    /** Every owner as the attainment API names it: {@code reps/<id>} and {@code units/<id>}. */
    public List<String> owners() {
        List<String> owners = new ArrayList<>();
        unitOfRep.keySet().forEach(rep -> owners.add("reps/" + rep));
        parentOfUnit.keySet().forEach(unit -> owners.add("units/" + unit));
        return owners;
    }
}
