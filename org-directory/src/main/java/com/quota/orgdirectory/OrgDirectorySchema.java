package com.quota.orgdirectory;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the org tables with a Flyway of their own: migrations in {@code classpath:db/org-directory},
 * history in {@code org_directory_schema_history}, so their version numbers never clash with the service's own
 * migrations or messaging-support's (the same arrangement as messaging-support's {@code MessagingSchema}).
 */
public final class OrgDirectorySchema {

    /** Where the org-directory migrations live. */
    public static final String LOCATION = "classpath:db/org-directory";

    private static final Logger log = LoggerFactory.getLogger(OrgDirectorySchema.class);

    private final String url;
    private final String user;
    private final String password;
    private final String historyTable;

    public OrgDirectorySchema(String url, String user, String password, String historyTable) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.historyTable = historyTable;
    }

    /** Applies pending org-directory migrations; returns how many were applied. */
    public int migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations(LOCATION)
                .table(historyTable)
                // the service's own tables are there already: start this history at 0 so V1 still applies
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before org-directory tables")
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Applied {} org-directory migration(s); schema now at version {}", result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }
}
