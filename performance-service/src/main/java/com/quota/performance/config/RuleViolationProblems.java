package com.quota.performance.config;

import com.quota.httpproblems.ProblemTypes;
import com.quota.performance.rules.RuleViolation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders the domain's rule violations as problem+json: 422 for inconsistent input, 409 for a state that forbids the change. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RuleViolationProblems {

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolated(RuleViolation violation) {
        HttpStatus status = violation.kind() == RuleViolation.Kind.STATE_CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, violation.getMessage());
        problem.setType(ProblemTypes.of(violation.slug()));
        problem.setTitle(status == HttpStatus.CONFLICT ? "Conflict" : "Unprocessable content");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
