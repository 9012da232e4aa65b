package com.quota.targets.definition;

import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V62 moves a version's amounts from a row per month (target_amount) to a row per level holding its 12 months
 * (target_level_months): a database with targets written before it keeps every amount, readers of target_amount see the
 * same rows, and the new table refuses what the old one refused. Flyway runs on a fresh database, first up to V61.
 */
class TargetAmountsMigrationIT {

    private static final String TARGET = "00000000-0000-0000-0000-000000000001";

    @Test
    void amountsWrittenBeforeV62AreKeptAsTwelveMonthsPerLevelAndReadTheSameThroughTargetAmount() throws SQLException {
        TestDatabase db = TestPostgres.newDatabase("target_amounts_migration");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).target("61").load().migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO target (id, fiscal_year, metric, owner_type, owner_id, currency, current_version, version)"
                    + " VALUES ('" + TARGET + "', 2026, 'BOOKINGS', 'UNIT', gen_random_uuid(), 'CNY', 2, 3)");
            s.execute("INSERT INTO target_version (target_id, number, status, effective_from, created_by)"
                    + " VALUES ('" + TARGET + "', 1, 'PUBLISHED', DATE '2026-01-01', 'director'),"
                    + " ('" + TARGET + "', 2, 'DRAFT', DATE '2026-07-01', 'director')");
            // version 1: TARGET and STRETCH, every month; version 2: TARGET with March missing (written by hand)
            s.execute("INSERT INTO target_amount (target_id, version_number, level, month, amount)"
                    + " SELECT '" + TARGET + "', 1, l, m, m * 1000 + CASE l WHEN 'STRETCH' THEN 0.0050 ELSE 0.25 END"
                    + " FROM unnest(ARRAY['TARGET', 'STRETCH']) AS l, generate_series(1, 12) AS m");
            s.execute("INSERT INTO target_amount (target_id, version_number, level, month, amount)"
                    + " SELECT '" + TARGET + "', 2, 'TARGET', m, 7.5 FROM generate_series(1, 12) AS m WHERE m <> 3");
            List<String> before = rows(s, "SELECT version_number, level, month, amount FROM target_amount"
                    + " WHERE (version_number, month) <> (2, 3) ORDER BY version_number, level, month");

            Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).load().migrate();

            assertThat(rows(s, "SELECT version_number, level, cardinality(months), months[1], months[12]"
                    + " FROM target_level_months ORDER BY version_number, level"))
                    .containsExactly("1|STRETCH|12|1000.0050|12000.0050", "1|TARGET|12|1000.2500|12000.2500",
                            "2|TARGET|12|7.5000|7.5000");
            assertThat(rows(s, "SELECT version_number, level, month, amount FROM target_amount"
                    + " WHERE (version_number, month) <> (2, 3) ORDER BY version_number, level, month"))
                    .hasSize(35).isEqualTo(before);
            assertThat(rows(s, "SELECT amount FROM target_amount WHERE version_number = 2 AND month = 3"))
                    .as("a month missing before V62 is 0").containsExactly("0.0000");

            String insert = "INSERT INTO target_level_months (target_id, version_number, level, months) VALUES ('" + TARGET
                    + "', 2, 'STRETCH', ";
            assertThatThrownBy(() -> s.execute(insert + "array_fill(1.0, ARRAY[11]))")).hasMessageContaining("twelve_ck");
            assertThatThrownBy(() -> s.execute(insert + "ARRAY[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, NULL])")).hasMessageContaining("twelve_ck");
            assertThatThrownBy(() -> s.execute(insert + "ARRAY[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -0.01])"))
                    .hasMessageContaining("not_negative_ck");
            assertThatThrownBy(() -> s.execute("INSERT INTO target_level_months (target_id, version_number, level, months)"
                    + " VALUES ('" + TARGET + "', 9, 'TARGET', array_fill(1.0, ARRAY[12]))")).hasMessageContaining("version_fk");
            assertThat(rows(s, "SELECT count(*) FROM target_level_months")).containsExactly("3");
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
