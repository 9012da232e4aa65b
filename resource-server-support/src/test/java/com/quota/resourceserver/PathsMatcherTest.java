package com.quota.resourceserver;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The open-paths matcher decides exactly as Spring Security's {@code pathMatchers} does, for any method. */
class PathsMatcherTest {

    private static final String[] OPEN = ResourceServerAutoConfiguration.STANDARD_OPEN_PATHS.toArray(String[]::new);

    @Test
    void decidesAsSpringSecuritysPathMatchersDo() {
        ServerWebExchangeMatcher ours = PathsMatcher.of(OPEN);
        ServerWebExchangeMatcher springs = ServerWebExchangeMatchers.pathMatchers(OPEN);
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/info", "/actuator/prometheus",
                "/actuator/metrics", "/actuator", "/v3/api-docs", "/v3/api-docs/target", "/v3/api-docs.yaml",
                "/api/org/units/1", "/", "/actuator/health/", "/api/v3/api-docs", "/actuator/healthz")) {
            for (MockServerHttpRequest request : List.of(MockServerHttpRequest.get(path).build(),
                    MockServerHttpRequest.post(path).build())) {
                assertThat(isMatch(ours, request)).as(request.getMethod() + " " + path).isEqualTo(isMatch(springs, request));
            }
        }
    }

    @Test
    void openPathsAreOpenAndTheApiIsNot() {
        ServerWebExchangeMatcher ours = PathsMatcher.of(OPEN);
        assertThat(isMatch(ours, MockServerHttpRequest.get("/actuator/health/readiness").build())).isTrue();
        assertThat(isMatch(ours, MockServerHttpRequest.get("/api/org/units/1").build())).isFalse();
        assertThat(isMatch(PathsMatcher.of("/actuator", "/actuator/**"), MockServerHttpRequest.get("/actuator/metrics").build())).isTrue();
    }

    private static boolean isMatch(ServerWebExchangeMatcher matcher, MockServerHttpRequest request) {
        return matcher.matches(MockServerWebExchange.from(request)).block(Duration.ofSeconds(5)).isMatch();
    }
}
