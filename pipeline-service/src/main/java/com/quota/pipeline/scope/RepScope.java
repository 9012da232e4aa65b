package com.quota.pipeline.scope;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** The reps whose records a caller may see: everyone, or a set (own for a REP, the subtree for a MANAGER). */
public record RepScope(boolean all, Set<UUID> reps) {

    public static RepScope everyone() {
        return new RepScope(true, Set.of());
    }

    public static RepScope only(Set<UUID> reps) {
        return new RepScope(false, Set.copyOf(reps));
    }

    public boolean canSee(UUID repId) {
        return all || (repId != null && reps.contains(repId));
    }

    public boolean canSeeAny(Collection<UUID> repIds) {
        return all || repIds.stream().anyMatch(reps::contains);
    }

    /** SQL for "the rep in this column is visible", with {@code :scopeReps} to bind (or TRUE). */
    public String predicate(String repColumnSql) {
        return all ? "TRUE" : repColumnSql + " = ANY(:scopeReps)";
    }

    public UUID[] repArray() {
        return reps.toArray(UUID[]::new);
    }
}
