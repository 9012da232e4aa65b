package com.quota.api.concurrency;

import com.quota.api.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Optimistic locking over HTTP: every updatable row has a {@code version}; reads answer it as the {@code ETag}, an
 * update must send it back in {@code If-Match} (428 without, 412 when stale). The UPDATE still says
 * {@code WHERE id = :id AND version = :expected} and answers 412 when it changed no row, so a race between the check
 * and the write is caught too.
 */
public final class Versions {

    private Versions() {
    }

    /** The strong ETag of a version: {@code "3"} (with the quotes). */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The response builder with the version's ETag set. */
    public static ResponseEntity.BodyBuilder withEtag(ResponseEntity.BodyBuilder builder, long version) {
        return builder.eTag(etag(version));
    }

    /**
     * The version the request's {@code If-Match} names, checked against the current one.
     *
     * @return {@code currentVersion}, to bind as {@code :expected} in the UPDATE
     * @throws ApiProblem 428 when the header is missing, 412 when it names another version
     */
    public static long requireIfMatch(ServerHttpRequest request, long currentVersion) {
        return requireIfMatch(request.getHeaders().getFirst(HttpHeaders.IF_MATCH), currentVersion);
    }

    /** As {@link #requireIfMatch(ServerHttpRequest, long)}, from the header's value (null when absent). */
    public static long requireIfMatch(String ifMatchHeader, long currentVersion) {
        long expected = expectedVersion(ifMatchHeader);
        if (expected != currentVersion) {
            throw ApiProblem.preconditionFailed(currentVersion);
        }
        return expected;
    }

    /**
     * The version the request's {@code If-Match} names, without reading the row first: bind it as {@code :expected}
     * and answer {@link #requireUpdated(long)} on the row count.
     *
     * @throws ApiProblem 428 when the header is missing or blank, 412 when it names no version ({@code *} included:
     *                    an update must say which version it changes)
     */
    public static long expectedVersion(ServerHttpRequest request) {
        return expectedVersion(request.getHeaders().getFirst(HttpHeaders.IF_MATCH));
    }

    /** As {@link #expectedVersion(ServerHttpRequest)}, from the header's value (null when absent). */
    public static long expectedVersion(String ifMatchHeader) {
        if (ifMatchHeader == null || ifMatchHeader.isBlank()) {
            throw ApiProblem.preconditionRequired();
        }
        Long version = parse(ifMatchHeader);
        if (version == null) {
            throw ApiProblem.preconditionFailed();
        }
        return version;
    }

    /** 412 when a conditional UPDATE ({@code ... AND version = :expected}) changed no row. */
    public static void requireUpdated(long rowsUpdated) {
        if (rowsUpdated == 0) {
            throw ApiProblem.preconditionFailed();
        }
    }

    /** The version in an If-Match value: {@code "3"}, {@code W/"3"} or {@code 3}; null when it is none of these. */
    static Long parse(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }
}
