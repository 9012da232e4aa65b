package com.quota.gateway.routing;

import com.quota.gateway.tracing.RequestIdFilter;
import com.quota.gateway.tracing.TraceLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

/** Where an open breaker or an unreachable service (503) or a timeout (504) lands: never a hang or a 500. */
@Configuration(proxyBeanMethods = false)
class FallbackRoutes {

    private static final Logger log = LoggerFactory.getLogger(FallbackRoutes.class);

    @Bean
    RouterFunction<ServerResponse> quotaFallbacks() {
        return RouterFunctions.route()
                .GET("/fallback/health", FallbackRoutes::healthDown)
                .route(request -> request.path().startsWith("/fallback/"), FallbackRoutes::serviceUnavailable)
                .build();
    }

    private static Mono<ServerResponse> healthDown(ServerRequest request) {
        if (!forwardedByBreaker(request)) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "DOWN"));
    }

    private static Mono<ServerResponse> serviceUnavailable(ServerRequest request) {
        if (!forwardedByBreaker(request)) {
            return ServerResponse.notFound().build();
        }
        ServerWebExchange exchange = request.exchange();
        String service = request.path().substring("/fallback/".length());
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        boolean timedOut = timedOut(failure);
        String why = timedOut ? "did not answer in time"
                : failure != null && failure.getClass().getSimpleName().contains("CallNotPermitted")
                        ? "is failing and its circuit breaker is open" : "cannot be reached";
        HttpStatus status = timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        String instance = originalPath(exchange, request.path());
        TraceLogging.withTraceOf(exchange, () -> log.warn("{} {} {}: {} service {} ({})", status.value(),
                request.method(), instance, service, why, failure == null ? "-" : failure.getClass().getSimpleName()));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://quota.example/problems/"
                + (timedOut ? "gateway-timeout" : "service-unavailable"));
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", "The " + service + " service " + why + "; try again later.");
        problem.put("instance", instance);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
    }

    /** The breaker's time limiter, or the HTTP client's response timeout (a 504 wrapping a TimeoutException). */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }

    /** Only the breaker's forward carries its exception; a caller typing /fallback/x gets 404. */
    private static boolean forwardedByBreaker(ServerRequest request) {
        return request.exchange().getAttributes().containsKey(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
    }

    private static String originalPath(ServerWebExchange exchange, String fallback) {
        String callerPath = exchange.getAttribute(RequestIdFilter.CALLER_PATH_ATTR);
        if (callerPath != null) {
            return callerPath;
        }
        Collection<URI> urls = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        return urls == null || urls.isEmpty() ? fallback : urls.iterator().next().getRawPath();
    }
}
