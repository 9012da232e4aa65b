package com.quota.httpproblems.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint that takes input and fails on purpose, so the problem mapping is exercised through the real
 * HTTP stack (security, codecs, validation).
 */
@RestController
@RequestMapping(path = "/probe", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProblemProbeController {

    /** Body of the probe's create. */
    public record ProbeRequest(@NotBlank String name, @NotNull @Positive BigDecimal amount, List<String> tags,
                               Boolean urgent, Integer copies) {
    }

    @PostMapping(path = "/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ProbeRequest> create(@Valid @RequestBody ProbeRequest request) {
        return Mono.just(request);
    }

    @GetMapping("/records")
    Mono<List<String>> list(@RequestParam(defaultValue = "50") @Max(500) int size) {
        return Mono.just(List.of("size " + size));
    }

    @GetMapping("/records/{id}")
    Mono<UUID> read(@PathVariable UUID id) {
        return Mono.just(id);
    }

    /** What Spring's R2DBC support raises when PostgreSQL is stopped under a request. */
    @GetMapping("/database-down")
    Mono<String> databaseDown() {
        return Mono.error(new org.springframework.dao.DataAccessResourceFailureException("Failed to obtain R2DBC Connection"));
    }

    /** What a transactional write meets when the pool cannot open a connection (chaos finding F1). */
    @GetMapping("/database-down-at-begin")
    Mono<String> databaseDownAtTransactionBegin() {
        return Mono.error(new org.springframework.transaction.CannotCreateTransactionException(
                "Could not open R2DBC Connection for transaction",
                new java.net.ConnectException("Connection refused: localhost/127.0.0.1:5432")));
    }

    /** A connection failure wrapped in an exception nobody maps, e.g. by a service's own code. */
    @GetMapping("/database-down-wrapped")
    Mono<String> databaseDownWrapped() {
        return Mono.error(new IllegalStateException("could not record the event",
                new org.springframework.dao.DataAccessResourceFailureException("Connection unexpectedly closed")));
    }

    @GetMapping("/stale")
    Mono<String> stale() {
        return Mono.error(new OptimisticLockingFailureException("row version 3 is not 2"));
    }

    @GetMapping("/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException("secret internal detail: password=hunter2"));
    }

    @GetMapping("/denied")
    Mono<String> denied() {
        return Mono.error(new AccessDeniedException("method security said no"));
    }

    @GetMapping("/duplicate")
    Mono<String> duplicate() {
        return Mono.error(new ProbeAlreadyRecorded());
    }

    /** A service's own business exception. */
    static class ProbeAlreadyRecorded extends RuntimeException {
        ProbeAlreadyRecorded() {
            super("probe already recorded");
        }
    }

    /** A service's own advice for its own exception, as a service would add beside the library's. */
    @RestControllerAdvice
    static class ProbeAdvice {
        @ExceptionHandler(ProbeAlreadyRecorded.class)
        ProblemDetail alreadyRecorded(ProbeAlreadyRecorded ex) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The probe exists already.");
            problem.setType(URI.create("https://quota.example/problems/probe-already-recorded"));
            problem.setTitle("Already recorded");
            return problem;
        }
    }
}
