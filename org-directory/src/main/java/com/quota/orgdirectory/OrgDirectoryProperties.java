package com.quota.orgdirectory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the org tree, under {@code quota.org-directory.*}.
 *
 * @param replica the replica consumer of {@code targets.org.v1}
 * @param schema  the org tables, migrated by their own Flyway history
 */
@ConfigurationProperties("quota.org-directory")
public record OrgDirectoryProperties(@DefaultValue Replica replica, @DefaultValue Schema schema) {

    /**
     * @param enabled whether this service consumes {@code targets.org.v1} into its org tables; false in
     *                target-service, which owns the tree and writes it through {@link OrgReplicaStore}
     */
    public record Replica(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param migrate      whether to run the org-directory migrations ({@code classpath:db/org-directory}) at start
     * @param url          JDBC URL; defaults to spring.flyway.url, then spring.datasource.url, then the R2DBC URL
     * @param user         defaults to spring.flyway.user, then spring.datasource.username, then spring.r2dbc.username
     * @param password     defaults like the user
     * @param historyTable Flyway history table of the org tables, apart from the service's own
     */
    public record Schema(@DefaultValue("true") boolean migrate, String url, String user, String password,
                         @DefaultValue("org_directory_schema_history") String historyTable) {
    }
}
