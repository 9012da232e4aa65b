package com.quota.contract.web;

import com.quota.contract.rules.RuleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** page ≥ 0, size 1..500 (default 50), sort=field,asc|desc over allowed fields, always a stable tiebreak on id. */
record Paging(int page, int size, String orderLimitOffsetSql) {

    static Paging of(Integer page, Integer size, List<String> sort, Map<String, String> allowed, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw RuleViolation.badRequest("invalid-paging", "page must be 0 or more");
        }
        if (s < 1 || s > 500) {
            throw RuleViolation.badRequest("invalid-paging", "size must be 1..500");
        }
        List<String> order = new ArrayList<>();
        for (String item : sort == null || sort.isEmpty() ? List.of(defaultSort) : sort) {
            String[] parts = item.split(",");
            String column = allowed.get(parts[0].trim());
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase(java.util.Locale.ROOT) : "asc";
            if (column == null || !(direction.equals("asc") || direction.equals("desc"))) {
                throw new RuleViolation(RuleViolation.Kind.BAD_REQUEST, "invalid-sort",
                        "sort must be field,asc|desc with field one of " + new java.util.TreeSet<>(allowed.keySet()),
                        Map.of("allowedSortFields", new java.util.TreeSet<>(allowed.keySet())));
            }
            order.add(column + " " + direction.toUpperCase(java.util.Locale.ROOT) + " NULLS LAST");
        }
        order.add("c.id ASC");
        return new Paging(p, s, " ORDER BY " + String.join(", ", order) + " LIMIT " + s + " OFFSET " + ((long) p * s));
    }

    record PageInfo(int number, int size, long totalElements, long totalPages) {
    }

    record Page<T>(List<T> items, PageInfo page) {
    }

    <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, new PageInfo(page, size, total, (total + size - 1) / size));
    }
}
