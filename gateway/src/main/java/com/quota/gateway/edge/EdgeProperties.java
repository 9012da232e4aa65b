package com.quota.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * {@code quota.gateway.edge.*}: the largest request body an API route accepts and the media types a body may
 * have; anything else is refused at the gateway (413, 415) before a service sees it. The file uploads
 * ({@code filePaths}: the CSV imports of targets and of historical actuals; a year's targets for 10,000 reps is about
 * 1 MB) may have up to {@code maxFileSize}, as the service that reads them allows.
 */
@ConfigurationProperties("quota.gateway.edge")
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue({"application/json", "application/*+json", "text/csv"}) List<String> bodyMediaTypes,
        @DefaultValue("16MB") DataSize maxFileSize,
        @DefaultValue({"/api/targets/import", "/api/targets/historical-actuals"}) List<String> filePaths) {

    /** The largest body a request to this path may have. */
    public long maxBodyBytes(String path) {
        return filePaths.contains(path) ? maxFileSize.toBytes() : maxBodySize.toBytes();
    }
}
