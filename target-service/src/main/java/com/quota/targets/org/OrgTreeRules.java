package com.quota.targets.org;

import com.quota.targets.definition.RuleViolation;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The shape of the org tree: one company root, every other unit under a parent, never a cycle. */
public final class OrgTreeRules {

    private OrgTreeRules() {
    }

    /** A COMPANY has no parent; a REGION or TEAM has one, and not itself. */
    public static void requireParentFitsType(UUID unitId, String type, UUID parentId) {
        if ("COMPANY".equals(type) && parentId != null) {
            throw new RuleViolation("invalid-parent", "a COMPANY unit has no parent");
        }
        if (!"COMPANY".equals(type) && parentId == null) {
            throw new RuleViolation("invalid-parent", "a " + type + " unit needs a parent");
        }
        if (unitId.equals(parentId)) {
            throw new RuleViolation("cycle-in-tree", "unit " + unitId + " cannot be its own parent");
        }
    }

    /**
     * Refuses a parent that would put the unit below itself: walks up from the new parent through the current parents
     * (unit → parent) and fails when it meets the unit.
     */
    public static void requireNoCycle(UUID unitId, UUID newParentId, Map<UUID, UUID> currentParents) {
        Set<UUID> seen = new HashSet<>();
        UUID cursor = newParentId;
        while (cursor != null && seen.add(cursor)) {
            if (cursor.equals(unitId)) {
                throw new RuleViolation("cycle-in-tree", "moving unit " + unitId + " under " + newParentId
                        + " would put it below itself");
            }
            cursor = currentParents.get(cursor);
        }
    }
}
