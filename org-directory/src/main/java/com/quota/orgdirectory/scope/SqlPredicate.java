package com.quota.orgdirectory.scope;

import org.springframework.r2dbc.core.DatabaseClient;

import java.util.HashMap;
import java.util.Map;

/**
 * A piece of SQL for a WHERE clause and the values it binds, e.g. {@code owner_rep_id = ANY(:scopeReps)} with
 * {@code scopeReps} bound to the visible rep ids; {@code TRUE} for a caller who sees everything, {@code FALSE} for one
 * who sees nothing. Scope is applied in the query, never by filtering rows after loading them.
 */
public record SqlPredicate(String sql, Map<String, Object> binds) {

    /** Everything. */
    public static final SqlPredicate ALL = new SqlPredicate("TRUE", Map.of());
    /** Nothing. */
    public static final SqlPredicate NONE = new SqlPredicate("FALSE", Map.of());

    public SqlPredicate {
        binds = Map.copyOf(binds);
    }

    /** Binds this predicate's values to a statement that contains its SQL. */
    public DatabaseClient.GenericExecuteSpec bindTo(DatabaseClient.GenericExecuteSpec spec) {
        DatabaseClient.GenericExecuteSpec bound = spec;
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            bound = bound.bind(bind.getKey(), bind.getValue());
        }
        return bound;
    }

    /** {@code (this) AND (other)}, with both sets of binds. */
    public SqlPredicate and(SqlPredicate other) {
        HashMap<String, Object> all = new HashMap<>(binds);
        all.putAll(other.binds);
        return new SqlPredicate("(" + sql + ") AND (" + other.sql + ")", all);
    }

    @Override
    public String toString() {
        return sql;
    }
}
