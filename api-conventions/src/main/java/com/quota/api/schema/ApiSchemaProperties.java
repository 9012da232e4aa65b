package com.quota.api.schema;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code quota.api.schema.*}: whether the library migrates its tables at start, and where (defaults: the service's
 * {@code spring.flyway.*} connection).
 */
@ConfigurationProperties("quota.api.schema")
public record ApiSchemaProperties(
        @DefaultValue("true") boolean migrate,
        String url,
        String user,
        String password,
        @DefaultValue(ApiConventionsSchema.HISTORY_TABLE) String historyTable) {
}
