package com.quota.targets.identity.web;

import com.quota.resourceserver.CurrentCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/org/me}: who the bearer of the token is, as the org sees them. */
@RestController
@Tag(name = "identity", description = "The authenticated caller")
class CallerController {

    @GetMapping(path = "/api/org/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller of this request",
            description = "Subject, roles, rep id (people in the org tree) and scopes (machine clients) "
                    + "from the validated token. Any authenticated caller may ask.")
    Mono<CallerView> me() {
        return CurrentCaller.require().map(CallerView::of);
    }
}
