package com.quota.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * {@code quota.gateway.edge.*}: the largest request body an API route accepts and the media types a body may
 * have; anything else is refused at the gateway (413, 415) before a service sees it.
 */
@ConfigurationProperties("quota.gateway.edge")
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue({"application/json", "application/*+json", "text/csv"}) List<String> bodyMediaTypes) {
}
