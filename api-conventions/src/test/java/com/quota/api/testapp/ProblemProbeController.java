package com.quota.api.testapp;

import com.quota.api.problem.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Set;
import java.util.UUID;

/** Answers each {@link ApiProblem} by name, so their rendering is checked through the real HTTP stack. */
@RestController
public class ProblemProbeController {

    static final UUID REP = UUID.fromString("0190f5c2-7a3e-7c4d-9a1b-2c3d4e5f6a7b");

    @GetMapping("/api/problems/{name}")
    Mono<String> problem(@PathVariable String name) {
        return Mono.error(switch (name) {
            case "bad-request" -> ApiProblem.badRequest("The period and the date range disagree.");
            case "invalid-field" -> ApiProblem.invalidField("ownerId", "must be a rep id");
            case "not-found" -> ApiProblem.notFound("opportunity");
            case "conflict" -> ApiProblem.conflict("The plan is locked.");
            case "transition" -> ApiProblem.transitionNotAllowed("SIGNED", "approve", Set.of("terminate", "amend"));
            case "unprocessable" -> ApiProblem.unprocessable("splits-do-not-sum", "Splits sum to 90, not 100.");
            case "not-yet-known" -> ApiProblem.notYetKnownHere("rep", REP);
            case "precondition-required" -> ApiProblem.preconditionRequired();
            case "precondition-failed" -> ApiProblem.preconditionFailed(7);
            case "key-reused" -> ApiProblem.idempotencyKeyReused();
            case "key-in-flight" -> ApiProblem.idempotencyKeyInFlight();
            default -> ApiProblem.notFound("problem");
        });
    }
}
