package com.quota.gateway.edge;

import com.quota.resourceserver.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/** The problem slugs the gateway answers with, the same per status as the services' (http-problems). */
public final class EdgeProblems {

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "malformed-request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(413, "content-too-large"), Map.entry(415, "unsupported-media-type"),
            Map.entry(429, "too-many-requests"), Map.entry(500, "internal-error"),
            Map.entry(503, "service-unavailable"), Map.entry(504, "gateway-timeout"));

    private EdgeProblems() {
    }

    /** {@code not-found} for 404 and so on; {@code http-<code>} for a status without a named problem. */
    public static String slugFor(HttpStatusCode status) {
        return SLUGS.getOrDefault(status.value(), "http-" + status.value());
    }

    /** Writes the problem for a status with its standard slug and title. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return ProblemResponses.write(exchange, status, slugFor(status), status.getReasonPhrase(), detail);
    }
}
