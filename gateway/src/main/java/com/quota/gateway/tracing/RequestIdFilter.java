package com.quota.gateway.tracing;

import com.quota.gateway.ratelimit.RateLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * First filter of every request, before security: fixes the request id ({@code X-Request-Id}) and the
 * W3C {@code traceparent} sent on to the service, returns the request id to the caller, and writes one
 * access-log line carrying both.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    /** Exchange attribute: the path the caller asked for, before any rewrite or fallback forward. */
    public static final String CALLER_PATH_ATTR = RequestIdFilter.class.getName() + ".callerPath";

    private static final Logger access = LoggerFactory.getLogger("com.quota.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String requestId = TraceContext.requestIdOrNew(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        TraceContext trace = TraceContext.continueOrStart(exchange.getRequest().getHeaders().getFirst(TRACEPARENT));
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
        exchange.getAttributes().put(CALLER_PATH_ATTR, exchange.getRequest().getPath().value());
        ServerWebExchange traced = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.set(REQUEST_ID, requestId);
                    headers.set(TRACEPARENT, trace.traceparent());
                }))
                .build();
        return chain.filter(traced).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            Object caller = traced.getAttributes().get(RateLimitFilter.CALLER_KEY_ATTR);
            Route route = traced.getAttribute(GATEWAY_ROUTE_ATTR);
            access.info("{} {} {} {}ms route={} user={} request_id={} trace_id={}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(), (System.nanoTime() - started) / 1_000_000,
                    route == null ? "-" : route.getId(), userOf(caller), requestId, trace.traceId());
        });
    }

    /** The token's subject; "-" for anonymous callers (their address is not a user). */
    private static String userOf(Object callerKey) {
        return callerKey instanceof String key && key.startsWith("sub:") ? key.substring(4) : "-";
    }
}
