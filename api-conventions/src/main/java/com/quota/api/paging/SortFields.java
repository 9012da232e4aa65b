package com.quota.api.paging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields a collection can be sorted by: API field name → SQL column (or expression). Only these ever reach
 * the SQL, so a sort parameter can never inject anything.
 */
public final class SortFields {

    // what a column may look like: a name, optionally qualified (t.created_at)
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Map<String, String> columns;

    private SortFields(Map<String, String> columns) {
        this.columns = columns;
    }

    /** E.g. {@code SortFields.of(Map.of("name", "name", "createdAt", "created_at"))}. */
    public static SortFields of(Map<String, String> apiFieldToColumn) {
        Map<String, String> copy = new LinkedHashMap<>();
        apiFieldToColumn.forEach((field, column) -> {
            if (!COLUMN.matcher(column).matches()) {
                throw new IllegalArgumentException("not a column name: " + column);
            }
            copy.put(field, column);
        });
        return new SortFields(Collections.unmodifiableMap(copy));
    }

    /** The API field names. */
    public Set<String> fields() {
        return columns.keySet();
    }

    /** The column of an API field, or null when the field is not sortable. */
    public String columnOf(String field) {
        return columns.get(field);
    }
}
