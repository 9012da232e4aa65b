package com.quota.gateway.edge;

import com.quota.gateway.tracing.TraceLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway raises itself (no route: 404, wrong method: 405, anything unexpected) answers
 * problem+json with a Quota type, never Boot's whitelabel page or a stack trace. Runs before Boot's handler.
 */
@Component
@Order(-10)
class EdgeErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        HttpStatus status;
        String detail;
        if (failure instanceof ResponseStatusException rse) {
            status = HttpStatus.resolve(rse.getStatusCode().value());
            status = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
            detail = switch (status) {
                case NOT_FOUND -> "No API route matches " + exchange.getRequest().getPath().value() + ".";
                case METHOD_NOT_ALLOWED -> "Method " + exchange.getRequest().getMethod() + " is not allowed here.";
                // 504 from the HTTP client's response timeout when no breaker caught it
                case GATEWAY_TIMEOUT -> "The service did not answer in time; try again later.";
                default -> status.getReasonPhrase() + ".";
            };
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "The gateway could not handle the request.";
        }
        if (status.is5xxServerError()) {
            HttpStatus logged = status;
            TraceLogging.withTraceOf(exchange, () -> log.warn("{} {} {}: {}", logged.value(),
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure.toString()));
        }
        // headers set by the failed attempt (e.g. a service's content type) must not leak into the problem
        exchange.getResponse().getHeaders().remove("Content-Encoding");
        return EdgeProblems.write(exchange, status, detail);
    }
}
