package com.quota.api.paging;

/** One sort key of a page query: the API field, its SQL column and the direction. */
public record SortOrder(String field, String column, boolean ascending) {

    /** The SQL of this key, e.g. {@code created_at DESC}. */
    public String sql() {
        return column + (ascending ? " ASC" : " DESC");
    }
}
