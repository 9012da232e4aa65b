package com.quota.contract.web;

import com.quota.contract.lifecycle.TransitionRefused;
import com.quota.contract.rules.RuleViolation;
import com.quota.contract.application.ContractService;
import com.quota.contract.application.Versions;
import com.quota.httpproblems.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** contract-service's business refusals as RFC 9457 problems with stable types (asked before http-problems' catch-all). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContractProblems {

    @ExceptionHandler(TransitionRefused.class)
    ResponseEntity<ProblemDetail> transitionRefused(TransitionRefused refused) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "transition-not-allowed", "Transition not allowed", refused.getMessage());
        problem.setProperty("currentStatus", refused.from().name());
        problem.setProperty("action", refused.action().pathName());
        problem.setProperty("allowedTransitions", refused.allowedNames());
        return answer(problem);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        HttpStatus status = switch (violation.kind()) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        String title = violation.slug().equals("not-yet-known-here") ? "not yet known here; retry"
                : Character.toUpperCase(violation.slug().charAt(0)) + violation.slug().substring(1).replace('-', ' ');
        ProblemDetail problem = problem(status, violation.slug(), title, violation.getMessage());
        violation.properties().forEach(problem::setProperty);
        return answer(problem);
    }

    @ExceptionHandler(ContractService.NotFound.class)
    ResponseEntity<ProblemDetail> notFound(ContractService.NotFound notFound) {
        // never says whether it exists outside the caller's scope
        return answer(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such resource, or not in your scope."));
    }

    @ExceptionHandler(Versions.PreconditionProblem.class)
    ResponseEntity<ProblemDetail> precondition(Versions.PreconditionProblem precondition) {
        ProblemDetail problem = precondition.missing()
                ? problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required", precondition.getMessage())
                : problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Stale version", precondition.getMessage());
        if (!precondition.missing()) {
            problem.setProperty("currentVersion", precondition.current());
        }
        return answer(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(slug));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
