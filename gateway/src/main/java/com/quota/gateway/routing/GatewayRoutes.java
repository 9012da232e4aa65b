package com.quota.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The route table: each service's API paths, {@code /health/<service>} (status only) and
 * {@code /v3/api-docs/<service>} for the Swagger UI. The Authorization header passes through unchanged:
 * every service validates the token again.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    /** Outside the body rewrite (order -2), so a fallback's own answer is not fed to the rewrite. */
    private static final int BREAKER_AROUND_BODY_REWRITE = -10;

    @Bean
    RouteLocator quotaRoutes(RouteLocatorBuilder builder, ServiceUris uris, ResilienceProperties resilience,
            SpringCloudCircuitBreakerFilterFactory breakers) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (QuotaService service : QuotaService.values()) {
            String id = service.id();
            String uri = uris.of(service).toString();
            // declared first so it wins: a long CSV export must not be cut off by the API's default timeout
            routes.route(id + "-export", r -> r.path(service.apiPaths().toArray(String[]::new))
                    .and().predicate(GatewayRoutes::isExport)
                    .filters(f -> resilient(f, id, id + "-export", resilience))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, resilience.exportTimeout().toMillis())
                    .uri(uri));
            routes.route(id + "-api", r -> r.path(service.apiPaths().toArray(String[]::new))
                    .filters(f -> resilient(f, id, id + "-api", resilience))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, resilience.timeout().toMillis())
                    .uri(uri));
            routes.route(id + "-health", r -> r.path("/health/" + id)
                    .filters(f -> healthStatusOnly(f, breakers, id))
                    .uri(uri));
            routes.route(id + "-api-docs", r -> r.path("/v3/api-docs/" + id)
                    .filters(f -> f.setPath("/v3/api-docs")
                            .filter(breaker(breakers, id, "forward:/fallback/" + id), BREAKER_AROUND_BODY_REWRITE)
                            .modifyResponseBody(Map.class, Map.class, MediaType.APPLICATION_JSON_VALUE,
                                    (exchange, doc) -> Mono.just(servedThroughGateway(doc))))
                    .uri(uri));
        }
        routes.route("auth-health", r -> r.path("/health/auth")
                .filters(f -> healthStatusOnly(f, breakers, "auth"))
                .uri(uris.authUri().toString()));
        return routes.build();
    }

    /** Paths ending in {@code /export} or {@code .csv}: streamed exports, with their own (longer) timeout. */
    static boolean isExport(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return path.endsWith("/export") || path.endsWith(".csv");
    }

    /**
     * One breaker and time limiter per route (named after it); only idempotent reads are retried, and only on
     * connection failures and timeouts, never a POST, PUT, PATCH or DELETE.
     */
    private static GatewayFilterSpec resilient(GatewayFilterSpec f, String service, String breaker,
            ResilienceProperties resilience) {
        return f.circuitBreaker(c -> c.setName(breaker).setFallbackUri("forward:/fallback/" + service))
                .retry(retry -> retry.setRetries(resilience.getRetries())
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                        .setSeries()
                        .setStatuses()
                        .setExceptions(IOException.class, TimeoutException.class)
                        .setBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 2, false));
    }

    /** Health through the front door says UP or DOWN and nothing about the service's insides. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static GatewayFilterSpec healthStatusOnly(GatewayFilterSpec f, SpringCloudCircuitBreakerFilterFactory breakers,
            String service) {
        return f.setPath("/actuator/health")
                .removeRequestHeader("Authorization")
                .filter(breaker(breakers, service + "-health", "forward:/fallback/health"), BREAKER_AROUND_BODY_REWRITE)
                .modifyResponseBody(Map.class, Map.class, MediaType.APPLICATION_JSON_VALUE,
                        (exchange, health) -> Mono.just(Map.of("status",
                                String.valueOf(((Map) health).getOrDefault("status", "UNKNOWN")))));
    }

    private static GatewayFilter breaker(SpringCloudCircuitBreakerFilterFactory breakers, String name, String fallback) {
        return breakers.apply(config -> config.setName(name).setFallbackUri(fallback));
    }

    /** "Try it out" in the Swagger UI should call the gateway, not the service's own address. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map servedThroughGateway(Map doc) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put("servers", List.of(Map.of("url", "/", "description", "Quota gateway")));
        return copy;
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> quotaBreakers(ResilienceProperties resilience) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .failureRateThreshold(resilience.failureRateThreshold())
                        .slidingWindowSize(resilience.slidingWindowSize())
                        .minimumNumberOfCalls(resilience.minimumNumberOfCalls())
                        .waitDurationInOpenState(resilience.waitInOpenState())
                        // a full bulkhead says the gateway is busy, not that the service fails: it must not open the breaker
                        .ignoreExceptions(BulkheadFullException.class)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(
                        id.endsWith("-export") ? resilience.exportTimeout() : resilience.timeout()).build())
                .build());
    }

    /** Calls in flight per service before the gateway refuses with 503 (Resilience4j's default, 25, is far too few). */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> quotaBulkheads(ResilienceProperties resilience) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(resilience.maxConcurrentCalls())
                        .maxWaitDuration(Duration.ZERO).build())
                .build());
    }
}
