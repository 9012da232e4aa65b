package com.quota.api.testapp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Writes log lines where a service's code writes them during a request: in the handler, in a database callback
 * (another thread than the request's), and as http-problems' 500 line after a database call.
 */
@RestController
public class TraceProbeController {

    private static final Logger log = LoggerFactory.getLogger(TraceProbeController.class);

    private final DatabaseClient db;

    TraceProbeController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/trace-probe/handler")
    Mono<String> inTheHandler() {
        log.info("trace probe: in the handler");
        return Mono.just("ok");
    }

    @GetMapping("/api/trace-probe/database")
    Mono<String> afterTheDatabase() {
        return db.sql("select pg_backend_pid()").map(row -> row.get(0, Integer.class)).one()
                .doOnNext(pid -> log.warn("trace probe: after the database (backend {})", pid))
                .map(pid -> "ok");
    }

    @GetMapping("/api/trace-probe/failure")
    Mono<String> failureAfterTheDatabase() {
        return db.sql("select pg_backend_pid()").map(row -> row.get(0, Integer.class)).one()
                .flatMap(pid -> Mono.error(new IllegalStateException("trace probe: failed after the database")));
    }
}
