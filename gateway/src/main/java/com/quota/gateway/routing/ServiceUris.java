package com.quota.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * {@code quota.services.*}: where each service listens. application.yml maps them to TARGET_SERVICE_URI,
 * PIPELINE_SERVICE_URI, CONTRACT_SERVICE_URI, PERFORMANCE_SERVICE_URI and AUTH_SERVER_URI.
 */
@ConfigurationProperties("quota.services")
public record ServiceUris(
        @DefaultValue("http://localhost:8081") URI targetUri,
        @DefaultValue("http://localhost:8082") URI pipelineUri,
        @DefaultValue("http://localhost:8083") URI contractUri,
        @DefaultValue("http://localhost:8084") URI performanceUri,
        @DefaultValue("http://localhost:9000") URI authUri) {

    public URI of(QuotaService service) {
        return switch (service) {
            case TARGET -> targetUri;
            case PIPELINE -> pipelineUri;
            case CONTRACT -> contractUri;
            case PERFORMANCE -> performanceUri;
        };
    }
}
