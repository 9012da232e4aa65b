package com.quota.api.paging;

import com.quota.api.problem.ApiProblem;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A collection request: {@code ?page=0&size=50&sort=field,desc} (sort repeatable), checked against the fields the
 * endpoint offers. Bad input is a 400 problem: {@code validation-failed} for page/size, {@code invalid-sort} (with
 * the allowed fields) for a sort. The SQL it gives always ends with a stable tiebreak on {@code id}.
 */
public record PageQuery(int page, int size, List<SortOrder> sort) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public PageQuery {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page " + page + " size " + size);
        }
        sort = List.copyOf(sort);
    }

    /** From the request's query parameters. */
    public static PageQuery from(ServerHttpRequest request, SortFields allowed, String defaultSort) {
        return from(request.getQueryParams(), allowed, defaultSort);
    }

    /** From single-valued parameters (e.g. a {@code @RequestParam Map<String, String>}). */
    public static PageQuery from(Map<String, String> params, SortFields allowed, String defaultSort) {
        MultiValueMap<String, String> multi = new LinkedMultiValueMap<>();
        params.forEach(multi::add);
        return from(multi, allowed, defaultSort);
    }

    /**
     * From query parameters.
     *
     * @param defaultSort used when no {@code sort} is given, e.g. {@code "createdAt,desc"}; null for none (only the
     *                    {@code id} tiebreak)
     */
    public static PageQuery from(MultiValueMap<String, String> params, SortFields allowed, String defaultSort) {
        int page = integer(params.getFirst("page"), "page", 0, 0, Integer.MAX_VALUE);
        int size = integer(params.getFirst("size"), "size", DEFAULT_SIZE, 1, MAX_SIZE);
        List<String> sorts = params.getOrDefault("sort", List.of()).stream().filter(s -> !s.isBlank()).toList();
        if (sorts.isEmpty() && defaultSort != null) {
            sorts = List.of(defaultSort);
        }
        List<SortOrder> orders = new ArrayList<>();
        for (String sort : sorts) {
            orders.add(sortOrder(sort, allowed));
        }
        return new PageQuery(page, size, orders);
    }

    /** The first page with the default size, unsorted (only the id tiebreak). */
    public static PageQuery firstPage() {
        return new PageQuery(0, DEFAULT_SIZE, List.of());
    }

    /** Rows to skip. */
    public long offset() {
        return (long) page * size;
    }

    /** {@code " ORDER BY col DESC, id ASC LIMIT 50 OFFSET 0"}: the sort, then {@code id} so pages never overlap. */
    public String orderByLimitOffsetSql() {
        return orderBySql("id") + " LIMIT " + size + " OFFSET " + offset();
    }

    /** {@code " ORDER BY col DESC, <idColumn> ASC"} for a query whose id column has another name (e.g. {@code t.id}). */
    public String orderBySql(String idColumn) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        boolean tiebreakSorted = false;
        for (SortOrder order : sort) {
            sql.append(order.sql()).append(", ");
            tiebreakSorted |= order.column().equals(idColumn);
        }
        if (tiebreakSorted) {
            sql.setLength(sql.length() - 2);
        } else {
            sql.append(idColumn).append(" ASC");
        }
        return sql.toString();
    }

    private static SortOrder sortOrder(String sort, SortFields allowed) {
        String[] parts = sort.split(",", -1);
        String field = parts[0].trim();
        String column = allowed.columnOf(field);
        if (column == null || parts.length > 2) {
            throw ApiProblem.invalidSort(sort, allowed.fields());
        }
        if (parts.length == 1 || parts[1].trim().equalsIgnoreCase("asc")) {
            return new SortOrder(field, column, true);
        }
        if (parts[1].trim().equalsIgnoreCase("desc")) {
            return new SortOrder(field, column, false);
        }
        throw ApiProblem.invalidSort(sort, allowed.fields());
    }

    private static int integer(String value, String name, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem(name, "TypeMismatch",
                    "must be a whole number")));
        }
        if (parsed < min) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem(name, "Min",
                    "must be greater than or equal to " + min)));
        }
        if (parsed > max) {
            throw ApiProblem.invalidFields(List.of(new ApiProblem.FieldProblem(name, "Max",
                    "must be less than or equal to " + max)));
        }
        return parsed;
    }
}
