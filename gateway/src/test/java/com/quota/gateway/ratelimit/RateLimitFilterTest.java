package com.quota.gateway.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate-limit filter switched off: nothing counted, the caller still recorded for the access log. */
class RateLimitFilterTest {

    private static final RateLimitProperties OFF = new RateLimitProperties(false, 200, 100, Duration.ofSeconds(1), 100_000,
            RateLimitProperties.Store.LOCAL, null);

    @Test
    void withTheLimitOffTheRequestPassesUncountedAndTheAccessLogStillKnowsTheUser() {
        AtomicInteger consumed = new AtomicInteger();
        CallerLimiter limiter = key -> {
            consumed.incrementAndGet();
            return Mono.just(new CallerLimiter.Decision(true, 0, Duration.ZERO));
        };
        AtomicInteger passed = new AtomicInteger();
        GatewayFilterChain chain = exchange -> Mono.fromRunnable(passed::incrementAndGet);
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/api/org/units/1"))
                .principal(() -> "rep.li").build();

        new RateLimitFilter(OFF, limiter, new SimpleMeterRegistry()).filter(exchange, chain).block(Duration.ofSeconds(5));

        assertThat(passed).hasValue(1);
        assertThat(consumed).hasValue(0);
        assertThat((String) exchange.getAttribute(RateLimitFilter.CALLER_KEY_ATTR)).isEqualTo("sub:rep.li");
    }

    @Test
    void withTheLimitOffAnAnonymousRequestPassesWithoutAUser() {
        AtomicInteger passed = new AtomicInteger();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/health/target"));

        new RateLimitFilter(OFF, key -> Mono.error(new AssertionError("not counted")), new SimpleMeterRegistry())
                .filter(exchange, e -> Mono.fromRunnable(passed::incrementAndGet)).block(Duration.ofSeconds(5));

        assertThat(passed).hasValue(1);
        assertThat((Object) exchange.getAttribute(RateLimitFilter.CALLER_KEY_ATTR)).isNull();
    }
}
