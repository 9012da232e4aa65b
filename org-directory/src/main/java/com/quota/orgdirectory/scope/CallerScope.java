package com.quota.orgdirectory.scope;

import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one caller may see, resolved once per request by {@link ScopeResolver} as of a day: everything (ADMIN,
 * DIRECTOR, INTEGRATION), the reps and units of the subtrees a MANAGER manages (and the manager's own records), or a
 * REP's own records. Apply it to list queries with {@link #repPredicate}/{@link #unitPredicate} and to single records
 * with {@link #canSeeRep}/{@link #canSeeUnit}; a record outside scope answers 404, never 403.
 */
public final class CallerScope {

    /** Bind name of the visible rep ids in {@link #repPredicate}. */
    public static final String REPS_BIND = "scopeReps";
    /** Bind name of the visible unit ids in {@link #unitPredicate}. */
    public static final String UNITS_BIND = "scopeUnits";

    private final Caller caller;
    private final LocalDate on;
    private final boolean all;
    private final Set<UUID> repIds;
    private final Set<UUID> unitIds;

    private CallerScope(Caller caller, LocalDate on, boolean all, Set<UUID> repIds, Set<UUID> unitIds) {
        this.caller = caller;
        this.on = on;
        this.all = all;
        this.repIds = Set.copyOf(repIds);
        this.unitIds = Set.copyOf(unitIds);
    }

    /** A scope that sees everything. */
    public static CallerScope everything(Caller caller, LocalDate on) {
        return new CallerScope(caller, on, true, Set.of(), Set.of());
    }

    /** A scope that sees exactly these reps' records and these units. */
    public static CallerScope of(Caller caller, LocalDate on, Collection<UUID> repIds, Collection<UUID> unitIds) {
        return new CallerScope(caller, on, false, Set.copyOf(repIds), Set.copyOf(unitIds));
    }

    public Caller caller() {
        return caller;
    }

    /** The day the scope was resolved for. */
    public LocalDate on() {
        return on;
    }

    /** Whether the caller sees every record. */
    public boolean isAll() {
        return all;
    }

    /** The reps whose records the caller sees (meaningless when {@link #isAll()}). */
    public Set<UUID> visibleRepIds() {
        return repIds;
    }

    /** The units the caller sees (meaningless when {@link #isAll()}). */
    public Set<UUID> visibleUnitIds() {
        return unitIds;
    }

    public boolean canSeeRep(UUID repId) {
        return all || repIds.contains(repId);
    }

    /** Whether any of the owners is visible (a co-owned record is visible to each owner's scope). */
    public boolean canSeeAnyRep(Collection<UUID> repIds) {
        return all || repIds.stream().anyMatch(this.repIds::contains);
    }

    public boolean canSeeUnit(UUID unitId) {
        return all || unitIds.contains(unitId);
    }

    /**
     * A WHERE-clause predicate over the owning rep: {@code repPredicate("t.owner_rep_id")} gives
     * {@code t.owner_rep_id = ANY(:scopeReps)}. For co-owned records pass the owners as a sub-select in {@code ANY(...)}:
     * {@code repPredicate("ANY(SELECT rep_id FROM opportunity_owner o WHERE o.opportunity_id = t.id)")} gives
     * {@code ARRAY(SELECT rep_id FROM ...) && :scopeReps} (visible when any owner is). {@code TRUE} when the caller sees
     * everything, {@code FALSE} when nothing.
     */
    public SqlPredicate repPredicate(String ownerRepColumnSql) {
        if (all) {
            return SqlPredicate.ALL;
        }
        if (repIds.isEmpty()) {
            return SqlPredicate.NONE;
        }
        Map<String, Object> binds = Map.of(REPS_BIND, repIds.toArray(UUID[]::new));
        String column = ownerRepColumnSql.strip();
        if (column.regionMatches(true, 0, "ANY(", 0, 4) && column.endsWith(")")) {
            String subSelect = column.substring(4, column.length() - 1);
            return new SqlPredicate("ARRAY(" + subSelect + ") && :" + REPS_BIND, binds);
        }
        return new SqlPredicate(column + " = ANY(:" + REPS_BIND + ")", binds);
    }

    /** A WHERE-clause predicate over a unit column, e.g. {@code unitPredicate("t.unit_id")}. */
    public SqlPredicate unitPredicate(String unitColumnSql) {
        if (all) {
            return SqlPredicate.ALL;
        }
        if (unitIds.isEmpty()) {
            return SqlPredicate.NONE;
        }
        return new SqlPredicate(unitColumnSql.strip() + " = ANY(:" + UNITS_BIND + ")",
                Map.of(UNITS_BIND, unitIds.toArray(UUID[]::new)));
    }

    /**
     * For machine clients: passes when the token has this scope (e.g. {@code opportunities.write}), else 403. People
     * (ADMIN, DIRECTOR, MANAGER, REP) are governed by their roles and pass.
     *
     * @throws AccessDeniedException (answered 403 problem+json by resource-server-support) when a caller without a
     *                               person's role lacks the scope
     */
    public void requireScope(String scope) {
        if (caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR, Role.MANAGER, Role.REP)) {
            return;
        }
        if (!caller.hasScope(scope)) {
            throw new AccessDeniedException("the client's token lacks the scope " + scope);
        }
    }

    @Override
    public String toString() {
        return all ? "CallerScope[all on " + on + "]"
                : "CallerScope[" + repIds.size() + " reps, " + unitIds.size() + " units on " + on + "]";
    }
}
