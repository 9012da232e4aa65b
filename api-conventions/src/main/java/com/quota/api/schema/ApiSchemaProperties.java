package com.quota.api.schema;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code quota.api.schema.*}: whether the library migrates its tables at start, and where (defaults: the service's
 * {@code spring.flyway.*} connection).
 *
 * @param migrate      whether to create and upgrade the tables at start
 * @param url          JDBC URL; defaults to spring.flyway.url, spring.datasource.url, or the R2DBC URL
 * @param user         defaults to spring.flyway.user (then the datasource's, then R2DBC's)
 * @param password     defaults to spring.flyway.password (then the datasource's, then R2DBC's)
 * @param historyTable Flyway history table of these migrations
 */
@ConfigurationProperties("quota.api.schema")
public record ApiSchemaProperties(
        @DefaultValue("true") boolean migrate,
        String url,
        String user,
        String password,
        @DefaultValue(ApiConventionsSchema.HISTORY_TABLE) String historyTable) {
}
