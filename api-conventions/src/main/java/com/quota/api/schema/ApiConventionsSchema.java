package com.quota.api.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the {@code idempotency_key} and {@code audit_entry} tables with a Flyway of their own:
 * migrations in {@value #LOCATION}, history in {@code api_conventions_schema_history}, so their version numbers never
 * clash with the service's own migrations ({@code classpath:db/migration}, {@code flyway_schema_history}) or
 * messaging-support's.
 */
public final class ApiConventionsSchema {

    /** Where the migrations live. */
    public static final String LOCATION = "classpath:db/api-conventions";
    /** The default history table. */
    public static final String HISTORY_TABLE = "api_conventions_schema_history";

    private static final Logger log = LoggerFactory.getLogger(ApiConventionsSchema.class);

    private final String url;
    private final String user;
    private final String password;
    private final String historyTable;

    public ApiConventionsSchema(String url, String user, String password, String historyTable) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.historyTable = historyTable;
    }

    /** Applies pending migrations; answers how many were applied. */
    public int migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations(LOCATION)
                .table(historyTable)
                // the service's tables may be there already: start this history at 0 so V1 still applies
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before api-conventions tables")
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Applied {} api-conventions migration(s); schema now at version {}", result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }
}
