package com.quota.httpproblems;

import org.springframework.http.HttpStatusCode;

import java.net.URI;
import java.util.Map;

/** The stable {@code type} URIs of the problems Quota answers with ({@code https://quota.example/problems/<slug>}). */
public final class ProblemTypes {

    /**
     * Base of every problem {@code type} URI. resource-server-support writes its 401/403 with the same base
     * ({@code ProblemResponses.TYPE_BASE}); the string is repeated there so that answering problems does not
     * pull in the resource server, and {@code ProblemTypesTest} keeps the two equal.
     */
    public static final String BASE = "https://quota.example/problems/";

    public static final URI VALIDATION_FAILED = of("validation-failed");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI PRECONDITION_FAILED = of("precondition-failed");
    public static final URI INTERNAL_ERROR = of("internal-error");

    // the type a problem gets from its status alone, when nothing more specific was set
    private static final Map<Integer, URI> BY_STATUS = Map.ofEntries(
            Map.entry(400, MALFORMED_REQUEST),
            Map.entry(401, of("unauthorized")),
            Map.entry(403, of("forbidden")),
            Map.entry(404, of("not-found")),
            Map.entry(405, of("method-not-allowed")),
            Map.entry(406, of("not-acceptable")),
            Map.entry(409, of("conflict")),
            Map.entry(412, PRECONDITION_FAILED),
            Map.entry(413, of("content-too-large")),
            Map.entry(415, of("unsupported-media-type")),
            Map.entry(422, of("unprocessable-content")),
            Map.entry(428, of("precondition-required")),
            Map.entry(429, of("too-many-requests")),
            Map.entry(500, INTERNAL_ERROR),
            Map.entry(503, of("service-unavailable")));

    private ProblemTypes() {
    }

    /** The type URI for a slug, e.g. {@code not-found}. */
    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    /** The default type for a status; {@code http-<code>} for a status without a named problem. */
    public static URI forStatus(HttpStatusCode status) {
        URI type = BY_STATUS.get(status.value());
        return type != null ? type : of("http-" + status.value());
    }
}
