package com.quota.api.problem;

import com.quota.httpproblems.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An answer that is an RFC 9457 problem with a stable {@code type} under {@code https://quota.example/problems/}:
 * raise it (or return it as a {@code Mono.error}) anywhere in a request; http-problems' advice renders it as
 * {@code application/problem+json} with the status, type, title, detail and properties set here.
 */
public class ApiProblem extends ErrorResponseException {

    public static final URI BAD_REQUEST = ProblemTypes.of("bad-request");
    public static final URI VALIDATION_FAILED = ProblemTypes.VALIDATION_FAILED;
    public static final URI INVALID_SORT = ProblemTypes.of("invalid-sort");
    public static final URI NOT_FOUND = ProblemTypes.of("not-found");
    public static final URI CONFLICT = ProblemTypes.of("conflict");
    public static final URI DUPLICATE = ProblemTypes.of("duplicate");
    public static final URI TRANSITION_NOT_ALLOWED = ProblemTypes.of("transition-not-allowed");
    public static final URI NOT_YET_KNOWN_HERE = ProblemTypes.of("not-yet-known-here");
    public static final URI PRECONDITION_REQUIRED = ProblemTypes.of("precondition-required");
    public static final URI PRECONDITION_FAILED = ProblemTypes.PRECONDITION_FAILED;
    public static final URI IDEMPOTENCY_KEY_REUSED = ProblemTypes.of("idempotency-key-reused");
    public static final URI IDEMPOTENCY_KEY_IN_FLIGHT = ProblemTypes.of("idempotency-key-in-flight");

    private ApiProblem(HttpStatus status, URI type, String title, String detail, Map<String, Object> properties) {
        super(status, problem(status, type, title, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail,
                                         Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** 400: the request is malformed in a way no single field explains. */
    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, BAD_REQUEST, "Bad request", detail, Map.of());
    }

    /** 400 {@code validation-failed} with one entry in {@code errors}, shaped as http-problems' bean-validation errors. */
    public static ApiProblem invalidField(String field, String message) {
        return invalidFields(List.of(new FieldProblem(field, "invalid", message)));
    }

    /** 400 {@code validation-failed} listing every invalid field. */
    public static ApiProblem invalidFields(List<FieldProblem> errors) {
        List<Map<String, String>> list = errors.stream()
                .map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message()))
                .toList();
        return new ApiProblem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "Validation failed",
                "One or more fields are invalid.", Map.of("errors", list));
    }

    /** 400 {@code invalid-sort}: a sort the endpoint does not offer; lists the fields it does. */
    public static ApiProblem invalidSort(String sort, Set<String> allowedFields) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, INVALID_SORT, "Invalid sort",
                "Cannot sort by '" + sort + "'. Sort by one of " + new TreeSet<>(allowedFields)
                        + ", as sort=field,asc or sort=field,desc.",
                Map.of("allowedSortFields", List.copyOf(new TreeSet<>(allowedFields))));
    }

    /**
     * 404 for something that does not exist or that the caller may not see: the answer is the same either way, so it
     * never tells whether the thing exists ({@code what} is a kind, e.g. "opportunity", never an id).
     */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", "No such " + what + ".", Map.of());
    }

    /** 409: the request conflicts with the current state (e.g. a duplicate). */
    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, CONFLICT, "Conflict", detail, Map.of());
    }

    /** 409 {@code duplicate}: a unique value (e.g. {@code externalRef}) is taken already. */
    public static ApiProblem duplicate(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, DUPLICATE, "Duplicate", detail, Map.of());
    }

    /** 409 {@code transition-not-allowed}: the action is not allowed from this state; lists the ones that are. */
    public static ApiProblem transitionNotAllowed(String from, String action, Set<String> allowed) {
        return new ApiProblem(HttpStatus.CONFLICT, TRANSITION_NOT_ALLOWED, "Transition not allowed",
                "Cannot " + action + " from " + from + ".",
                Map.of("state", from, "action", action, "allowedTransitions", List.copyOf(new TreeSet<>(allowed))));
    }

    /** 422 with a type of the service's own ({@code slug} under the problems base, e.g. "splits-do-not-sum"). */
    public static ApiProblem unprocessable(String slug, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.of(slug), "Unprocessable content", detail,
                Map.of());
    }

    /** 422 {@code not-yet-known-here}: a rep or unit this service has not heard of yet (the org event may be on its way). */
    public static ApiProblem notYetKnownHere(String kind, Object id) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, NOT_YET_KNOWN_HERE, "not yet known here; retry",
                "The " + kind + " " + id + " is not yet known here; retry shortly.",
                Map.of("kind", kind, "id", String.valueOf(id)));
    }

    /** 428: an update without {@code If-Match}. */
    public static ApiProblem preconditionRequired() {
        return new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, PRECONDITION_REQUIRED, "If-Match required",
                "An update needs the If-Match header with the ETag of the version it changes.", Map.of());
    }

    /** 412: the {@code If-Match} version is not the current one; the answer carries the current ETag. */
    public static ApiProblem preconditionFailed(long currentVersion) {
        ApiProblem problem = new ApiProblem(HttpStatus.PRECONDITION_FAILED, PRECONDITION_FAILED, "Stale version",
                "The resource was changed by someone else. Read it again and retry with its current ETag.",
                Map.of("currentVersion", currentVersion));
        problem.getHeaders().setETag("\"" + currentVersion + "\"");
        return problem;
    }

    /** 412 when the current version is not known (e.g. a conditional UPDATE matched no row). */
    public static ApiProblem preconditionFailed() {
        return new ApiProblem(HttpStatus.PRECONDITION_FAILED, PRECONDITION_FAILED, "Stale version",
                "The resource was changed by someone else. Read it again and retry with its current ETag.", Map.of());
    }

    /** 422 {@code idempotency-key-reused}: the key was used before for a different request. */
    public static ApiProblem idempotencyKeyReused() {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
                "This Idempotency-Key was used for a different request. Use a new key for a new request.", Map.of());
    }

    /** 409 {@code idempotency-key-in-flight}: the first request with this key is still running; retry shortly. */
    public static ApiProblem idempotencyKeyInFlight() {
        ApiProblem problem = new ApiProblem(HttpStatus.CONFLICT, IDEMPOTENCY_KEY_IN_FLIGHT, "Idempotency key in flight",
                "A request with this Idempotency-Key is still being processed. Retry shortly to get its result.",
                Map.of());
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return problem;
    }

    /** One invalid field: its name, a short code and a message (never the rejected value). */
    public record FieldProblem(String field, String code, String message) {
    }
}
