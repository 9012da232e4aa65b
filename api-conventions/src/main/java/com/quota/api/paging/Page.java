package com.quota.api.paging;

import java.util.List;
import java.util.function.Function;

/** A collection answer: {@code {"items": [...], "page": {"number", "size", "totalElements", "totalPages"}}}. */
public record Page<T>(List<T> items, PageInfo page) {

    public Page {
        items = List.copyOf(items);
    }

    /** The page of items a query asked for, given the collection's total. */
    public static <T> Page<T> of(List<T> items, PageQuery query, long totalElements) {
        return new Page<>(items, PageInfo.of(query.page(), query.size(), totalElements));
    }

    /** The same page with every item mapped (e.g. a row to its web record). */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page);
    }
}
