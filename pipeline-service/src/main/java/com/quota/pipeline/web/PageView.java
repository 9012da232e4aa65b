package com.quota.pipeline.web;

import java.util.List;

/** The collection envelope of ARCHITECTURE.md: {@code {"items": [...], "page": {...}}}. */
public record PageView<T>(List<T> items, PageInfo page) {

    /** The page numbers of a collection. */
    public record PageInfo(int number, int size, long totalElements, int totalPages) {
    }

    /** One page holding a whole (small) collection. */
    public static <T> PageView<T> all(List<T> items) {
        return new PageView<>(items, new PageInfo(0, items.size(), items.size(), items.isEmpty() ? 0 : 1));
    }

    public static <T> PageView<T> of(List<T> items, int number, int size, long total) {
        return new PageView<>(items, new PageInfo(number, size, total, (int) ((total + size - 1) / size)));
    }
}
