package com.quota.pipeline.web;

import com.quota.httpproblems.ProblemTypes;
import com.quota.pipeline.failure.ConflictException;
import com.quota.pipeline.failure.ForbiddenException;
import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.NotFoundException;
import com.quota.pipeline.failure.NotYetKnownException;
import com.quota.pipeline.failure.RuleViolationException;
import com.quota.pipeline.failure.StaleVersionException;
import com.quota.pipeline.opportunity.TransitionRefusedException;
import com.quota.pipeline.pipeline.PipelineDefinitionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** Business refusals as RFC 9457 problems with the statuses of ARCHITECTURE.md; asked before http-problems' catch-all. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BusinessProblemAdvice {

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", "One or more fields are invalid.");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "code", "invalid", "message", e.reason())));
        return respond(problem);
    }

    @ExceptionHandler(PipelineDefinitionException.class)
    ResponseEntity<ProblemDetail> invalidPipeline(PipelineDefinitionException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", "One or more fields are invalid.");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "code", "invalid", "message", e.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    }

    @ExceptionHandler(TransitionRefusedException.class)
    ResponseEntity<ProblemDetail> refused(TransitionRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "transition-not-allowed", "Transition not allowed", e.getMessage());
        problem.setProperty("from", e.from().name());
        problem.setProperty("action", e.action().apiName());
        problem.setProperty("allowedTransitions", e.allowed());
        return respond(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return respond(problem(HttpStatus.CONFLICT, e.slug(), "Conflict", e.getMessage()));
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> rule(RuleViolationException e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, e.slug(), "Unprocessable request", e.getMessage()));
    }

    @ExceptionHandler(NotYetKnownException.class)
    ResponseEntity<ProblemDetail> notYetKnown(NotYetKnownException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "not-yet-known-here", "not yet known here; retry", e.getMessage());
        problem.setProperty("kind", e.kind());
        problem.setProperty("id", e.id().toString());
        return respond(problem);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e) {
        if (e.currentVersion() == null) {
            return respond(problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag you read."));
        }
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Stale version",
                "The resource was changed by someone else. Read it again and retry with its current ETag.");
        problem.setProperty("currentVersion", e.currentVersion());
        return respond(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(slug));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
