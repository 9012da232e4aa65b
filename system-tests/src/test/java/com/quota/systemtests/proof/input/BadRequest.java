package com.quota.systemtests.proof.input;

import java.util.Map;
import java.util.Set;

/**
 * One generated request and what ARCHITECTURE.md says it must get: {@code expected} statuses, and whether it must be
 * refused (a 2xx answer is then wrong and the request may not change anything).
 */
public record BadRequest(Kind kind, ApiOperation operation, String method, String path, Map<String, String> headers,
                         byte[] body, Set<Integer> expected, boolean mustRefuse, String detail) {

    /** The kinds of bad input, each with the statuses ARCHITECTURE.md gives it. */
    public enum Kind {
        MALFORMED_JSON, WRONG_MEDIA_TYPE, OVERSIZED_BODY, EMPTY_BODY, NOT_AN_OBJECT, WRONG_TYPE, BAD_ENUM, BAD_FORMAT,
        MISSING_REQUIRED, BAD_PATH_PARAMETER, BAD_QUERY_PARAMETER, MISSING_QUERY_PARAMETER, MISSING_IF_MATCH,
        STALE_IF_MATCH, UNKNOWN_PATH,
        /** may be accepted: unknown fields are ignored, boundary values may be valid */
        EXTRA_FIELD, BOUNDARY_VALUE
    }

    /** The same request without its body: what an answer keeps (100,000 answers must not hold their bodies). */
    public BadRequest withoutBody() {
        return body == null ? this : new BadRequest(kind, operation, method, path, headers, null, expected, mustRefuse, detail);
    }

    /** "kind METHOD path (detail)", for the findings list. */
    public String describe() {
        return kind + " " + method + " " + path + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
