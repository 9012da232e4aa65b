package com.quota.targets.settings.persistence;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The one company's settings row: reporting currency, time zone, fiscal-year start month. */
@Repository
public class CompanySettingsStore {

    /** The stored settings and their optimistic-lock version. */
    public record Settings(String reportingCurrency, String timeZone, int fiscalYearStartMonth, long version) {
    }

    private final DatabaseClient db;

    public CompanySettingsStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Settings> get() {
        return db.sql("SELECT * FROM company_settings WHERE id = 1").map(row -> new Settings(
                row.get("reporting_currency", String.class), row.get("time_zone", String.class),
                row.get("fiscal_year_start_month", Short.class), row.get("version", Long.class))).one();
    }

    /** 0 rows when the expected version is stale. */
    public Mono<Long> update(Settings settings, long expected) {
        return db.sql("""
                        UPDATE company_settings SET reporting_currency = :currency, time_zone = :zone,
                               fiscal_year_start_month = :month, version = version + 1, updated_at = now()
                        WHERE id = 1 AND version = :expected""")
                .bind("currency", settings.reportingCurrency()).bind("zone", settings.timeZone())
                .bind("month", (short) settings.fiscalYearStartMonth()).bind("expected", expected)
                .fetch().rowsUpdated();
    }
}
