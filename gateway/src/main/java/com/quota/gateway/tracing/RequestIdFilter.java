package com.quota.gateway.tracing;

import com.quota.gateway.ratelimit.RateLimitFilter;
import io.micrometer.tracing.TraceContext;
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
 * First filter of every request, before security: fixes the request id ({@code X-Request-Id}), sends it on to
 * the service and back to the caller, and writes one access-log line per request. Tracing itself is Micrometer
 * Tracing's: the server observation continues the caller's W3C {@code traceparent} (or starts a trace) and the
 * gateway's client observation sends its own span as the service's parent, so the trace id logged here is the
 * one the service sees.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Exchange attribute: the path the caller asked for, before any rewrite or fallback forward. */
    public static final String CALLER_PATH_ATTR = RequestIdFilter.class.getName() + ".callerPath";

    private static final Logger access = LoggerFactory.getLogger("com.quota.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String requestId = RequestIds.requestIdOrNew(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
        exchange.getAttributes().put(CALLER_PATH_ATTR, exchange.getRequest().getPath().value());
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(REQUEST_ID, requestId)))
                .build();
        return TraceLogging.subscribedWithTraceOf(exchange, chain.filter(withId)).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            Object caller = withId.getAttributes().get(RateLimitFilter.CALLER_KEY_ATTR);
            Route route = withId.getAttribute(GATEWAY_ROUTE_ATTR);
            long millis = (System.nanoTime() - started) / 1_000_000;
            TraceLogging.withTraceOf(exchange, () -> access.info(
                    "{} {} {} {}ms route={} user={} request_id={} trace_id={}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(), millis,
                    route == null ? "-" : route.getId(), userOf(caller), requestId, traceIdOf(exchange)));
        });
    }

    /** The trace id of the server observation Micrometer started for this exchange. */
    static String traceIdOf(ServerWebExchange exchange) {
        return TraceLogging.traceContextOf(exchange).map(TraceContext::traceId).orElse("-");
    }

    /** The token's subject; "-" for anonymous callers (their address is not a user). */
    private static String userOf(Object callerKey) {
        return callerKey instanceof String key && key.startsWith("sub:") ? key.substring(4) : "-";
    }
}
