package com.quota.gateway.ratelimit;

import com.quota.gateway.tracing.TraceLogging;
import com.quota.resourceserver.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Limits every routed request per caller: the token's subject when authenticated, else the client address.
 * Runs before the circuit breaker, so a flood never reaches a service. Over the limit: 429 problem+json
 * with Retry-After, counted in {@code quota_gateway_rate_limit_rejections_total} per route.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    /** Exchange attribute holding the key a request was counted under (read by the access log). */
    public static final String CALLER_KEY_ATTR = RateLimitFilter.class.getName() + ".callerKey";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitProperties limits;
    private final CallerLimiter buckets;
    private final MeterRegistry meters;

    public RateLimitFilter(RateLimitProperties limits, CallerLimiter buckets, MeterRegistry meters) {
        this.limits = limits;
        this.buckets = buckets;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!limits.enabled()) {
            // nothing counted, but the access log still names the user
            return exchange.getPrincipal()
                    .doOnNext(principal -> exchange.getAttributes().put(CALLER_KEY_ATTR, "sub:" + principal.getName()))
                    .then(Mono.defer(() -> chain.filter(exchange)));
        }
        return exchange.getPrincipal().map(Principal::getName).map(sub -> "sub:" + sub)
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(exchange)))
                .flatMap(key -> {
                    exchange.getAttributes().put(CALLER_KEY_ATTR, key);
                    return buckets.tryConsume(key).flatMap(decision -> answer(exchange, chain, key, decision));
                });
    }

    private Mono<Void> answer(ServerWebExchange exchange, GatewayFilterChain chain, String key, CallerLimiter.Decision decision) {
        if (decision.allowed()) {
            if (decision.remaining() >= 0) {
                exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            }
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        meters.counter("quota.gateway.rate-limit.rejections", "routeId",
                route == null ? "none" : route.getId()).increment();
        long retryAfterSeconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        TraceLogging.withTraceOf(exchange, () -> log.info("429 {} {} for {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), key));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", "0");
        return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                "Too Many Requests", "Rate limit exceeded; retry after " + retryAfterSeconds + " s.",
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    private static String clientAddress(ServerWebExchange exchange) {
        // honours X-Forwarded-For only when server.forward-headers-strategy trusts a proxy in front
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1000;
    }
}
