package com.quota.httpproblems.testapp;

import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A class-level {@code @Validated} controller: its method-validation proxy throws ConstraintViolationException. */
@RestController
@Validated
public class ValidatedProbeController {

    @GetMapping(path = "/probe/validated", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> list(@RequestParam(defaultValue = "50") @Min(1) int size) {
        return Mono.just("size " + size);
    }
}
