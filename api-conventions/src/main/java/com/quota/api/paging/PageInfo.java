package com.quota.api.paging;

/** The {@code page} part of a collection answer: this page's number and size, and the totals. */
public record PageInfo(int number, int size, long totalElements, int totalPages) {

    /** The info of page {@code number} of {@code size} items when the collection has {@code totalElements}. */
    public static PageInfo of(int number, int size, long totalElements) {
        int totalPages = size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
        return new PageInfo(number, size, totalElements, totalPages);
    }
}
