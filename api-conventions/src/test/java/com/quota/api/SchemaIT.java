package com.quota.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The library's tables come from its own Flyway history, beside the app's. */
class SchemaIT extends AbstractApiConventionsIT {

    @Test
    void theTablesAreMigratedWithTheirOwnHistoryBesideTheApps() {
        assertThat(count("select count(*) from api_conventions_schema_history where version = :v and success", "v", "1"))
                .isEqualTo(1);
        assertThat(count("select count(*) from flyway_schema_history where version = :v and success", "v", "1"))
                .isEqualTo(1);
        assertThat(count("select count(*) from information_schema.tables where table_schema = 'public' "
                + "and table_name in ('idempotency_key', 'audit_entry', 'deal') and table_name <> :none", "none", "-"))
                .isEqualTo(3);
    }
}
