package com.quota.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for browser front ends, from {@link CorsProperties}. Runs before the token check, so a preflight
 * (which carries no token) is answered here and never reaches a service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class EdgeCorsFilter extends CorsWebFilter {

    EdgeCorsFilter(CorsProperties cors) {
        super(source(cors));
    }

    private static UrlBasedCorsConfigurationSource source(CorsProperties cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.allowedOrigins().isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOriginPatterns(cors.allowedOrigins());
            config.setAllowedMethods(cors.allowedMethods());
            config.setAllowedHeaders(cors.allowedHeaders());
            config.setExposedHeaders(cors.exposedHeaders());
            config.setAllowCredentials(cors.allowCredentials());
            config.setMaxAge(cors.maxAge());
            source.registerCorsConfiguration("/**", config);
        }
        return source;
    }
}
