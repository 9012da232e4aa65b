package com.quota.messaging.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the outbox and inbox tables with a Flyway of their own: migrations in
 * {@code classpath:db/messaging}, history in {@code messaging_schema_history}, so their version numbers never clash
 * with the service's own migrations (classpath:db/migration, {@code flyway_schema_history}).
 */
public final class MessagingSchema {

    /** Where the messaging migrations live. */
    public static final String LOCATION = "classpath:db/messaging";

    private static final Logger log = LoggerFactory.getLogger(MessagingSchema.class);

    private final String url;
    private final String user;
    private final String password;
    private final String historyTable;

    public MessagingSchema(String url, String user, String password, String historyTable) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.historyTable = historyTable;
    }

    /** Applies pending messaging migrations; returns how many were applied. */
    public int migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations(LOCATION)
                .table(historyTable)
                // the service's own tables may already be there (its Flyway runs first): start the history at 0
                // so V1 still applies, instead of refusing a non-empty schema
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before messaging tables")
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Applied {} messaging migration(s); schema now at version {}", result.migrationsExecuted, result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }
}
