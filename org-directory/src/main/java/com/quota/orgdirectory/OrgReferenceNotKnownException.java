package com.quota.orgdirectory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.UUID;

/**
 * A request names a rep or unit this service has not heard of yet (the org event may still be on its way): 422 with
 * problem type {@code not-yet-known-here}, title "not yet known here; retry". Rendered as problem+json by
 * http-problems' advice. Stands in for api-conventions' {@code ApiProblem.notYetKnownHere(kind, id)} until that lands.
 */
public class OrgReferenceNotKnownException extends ErrorResponseException {

    /** The problem type URI. */
    public static final URI TYPE = URI.create("https://quota.example/problems/not-yet-known-here");
    /** The problem title. */
    public static final String TITLE = "not yet known here; retry";

    private final String kind;
    private final UUID id;

    /**
     * @param kind what is unknown, e.g. {@code rep} or {@code unit}
     * @param id   its id
     */
    public OrgReferenceNotKnownException(String kind, UUID id) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(kind, id), null);
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public UUID id() {
        return id;
    }

    private static ProblemDetail problem(String kind, UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                kind + " " + id + " is not yet known here; retry once the org update has arrived");
        problem.setType(TYPE);
        problem.setTitle(TITLE);
        problem.setProperty("kind", kind);
        problem.setProperty("id", id.toString());
        return problem;
    }

    @Override
    public String getMessage() {
        return kind + " " + id + " is not yet known here";
    }
}
