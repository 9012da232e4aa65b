package com.quota.orgdirectory.persistence;

import org.springframework.r2dbc.core.DatabaseClient;

/** SQL shared by the org-table adapters. */
final class OrgTableSql {

    /** A dated row of alias {@code a} covers the day bound as {@code :on}. */
    static String covers(String alias) {
        return alias + ".valid_from <= :on AND (" + alias + ".valid_to IS NULL OR " + alias + ".valid_to >= :on)";
    }

    /** Longest parent chain a recursive query follows; guards against a cycle in bad data (same as OrgTree). */
    static final int MAX_DEPTH = 64;

    private OrgTableSql() {
    }

    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name, Object value,
                                                  Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
