package com.quota.resourceserver.testapp;

import com.quota.resourceserver.Caller;
import com.quota.resourceserver.CurrentCaller;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;

/** A tiny app that uses resource-server-support the way the services do. */
@SpringBootApplication
public class ResourceServerTestApplication {

    @RestController
    static class WhoAmIController {

        @GetMapping("/api/whoami")
        Map<String, Object> whoAmI(Caller caller) {
            return describe(caller);
        }

        @GetMapping("/api/whoami/reactive")
        Mono<Map<String, Object>> whoAmIReactive() {
            return CurrentCaller.require().map(WhoAmIController::describe);
        }

        /** Stands in for springdoc's document: only its openness is under test. */
        @GetMapping("/v3/api-docs")
        Map<String, Object> apiDocs() {
            return Map.of("openapi", "3.1.0");
        }

        private static Map<String, Object> describe(Caller caller) {
            return Map.of("sub", caller.sub(), "roles", caller.roles(),
                    "repId", caller.repId() == null ? "" : caller.repId().toString(), "scopes", caller.scopes());
        }
    }
}
