package com.quota.targets.web;

import com.quota.httpproblems.ProblemTypes;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.RoleMayNot;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.definition.TransitionNotAllowed;
import com.quota.targets.definition.application.TargetService;
import com.quota.targets.definition.VersionMismatch;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.TreeSet;

/**
 * The domain's refusals as RFC 9457 problems with stable types: a broken business rule 422 (type = its slug), a
 * transition the status does not allow 409 with the allowed actions, a role that may not 403, outside scope 404, a
 * missing or stale {@code If-Match} 428/412. Runs before http-problems' catch-all advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DomainProblemsAdvice {

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.slug(), e.getMessage());
    }

    @ExceptionHandler(TransitionNotAllowed.class)
    ResponseEntity<ProblemDetail> transitionNotAllowed(TransitionNotAllowed e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, "transition-not-allowed", e.getMessage());
        response.getBody().setProperty("from", e.from().name());
        response.getBody().setProperty("action", e.action().name());
        response.getBody().setProperty("allowedTransitions", new TreeSet<>(e.allowed().stream().map(Enum::name).toList()));
        return response;
    }

    @ExceptionHandler(TargetService.Duplicate.class)
    ResponseEntity<ProblemDetail> duplicate(TargetService.Duplicate e) {
        return problem(HttpStatus.CONFLICT, "duplicate", e.getMessage());
    }

    @ExceptionHandler(ArithmeticException.class)
    ResponseEntity<ProblemDetail> tooManyDecimals(ArithmeticException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-decimals",
                "an amount has more decimals than the currency's minor unit (or a count has decimals)");
    }

    @ExceptionHandler(RoleMayNot.class)
    ResponseEntity<ProblemDetail> roleMayNot(RoleMayNot e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(NotVisible.class)
    ResponseEntity<ProblemDetail> notVisible(NotVisible e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(VersionMismatch.class)
    ResponseEntity<ProblemDetail> versionMismatch(VersionMismatch e) {
        if (e.current() == null) {
            return problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", e.getMessage());
        }
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", e.getMessage());
        response.getBody().setProperty("currentVersion", e.current());
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(slug));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
