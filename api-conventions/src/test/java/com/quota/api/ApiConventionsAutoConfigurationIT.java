package com.quota.api;

import com.quota.api.company.CompanyClock;
import com.quota.api.company.CompanySettings;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.calendar.FiscalCalendar;
import com.quota.api.audit.AuditWriter;
import com.quota.api.idempotency.IdempotencyKeyPurge;
import com.quota.testsupport.postgres.TestDatabase;
import com.quota.testsupport.postgres.TestPostgres;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a service gets from the auto-configuration, and what it can change. */
class ApiConventionsAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiConventionsAutoConfiguration.class));

    @Test
    void theCompanyDefaultsToShanghaiJanuaryAndCny() {
        runner.run(context -> {
            CompanySettings company = context.getBean(CompanySettings.class);
            assertThat(company.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(company.fiscalYearStartMonth()).isEqualTo(Month.JANUARY);
            assertThat(company.reportingCurrency()).isEqualTo(Currency.getInstance("CNY"));
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(context.getBean(FiscalCalendar.class).startMonth()).isEqualTo(Month.JANUARY);
        });
    }

    @Test
    void theCompanyIsConfiguredAndAClockOfTheApplicationIsUsed() {
        Clock fixed = Clock.fixed(Instant.parse("2026-06-30T20:00:00Z"), ZoneOffset.UTC);
        runner.withBean(Clock.class, () -> fixed)
                .withPropertyValues("quota.company.time-zone=America/New_York",
                        "quota.company.fiscal-year-start-month=APRIL", "quota.company.reporting-currency=USD")
                .run(context -> {
                    assertThat(context.getBean(CompanySettings.class).fiscalYearStartMonth()).isEqualTo(Month.APRIL);
                    assertThat(context.getBean(FiscalCalendar.class).fiscalYearOf(LocalDate.of(2026, 4, 1))).isEqualTo(2027);
                    assertThat(context.getBean(CompanySettings.class).reportingCurrency().getCurrencyCode()).isEqualTo("USD");
                    assertThat(context.getBean(Clock.class)).isSameAs(fixed);
                    assertThat(context.getBean(CompanyClock.class).today()).isEqualTo(LocalDate.of(2026, 6, 30));
                });
    }

    @Test
    void theScheduledPurgeDeletesExpiredKeysAndCanBeSwitchedOff() {
        TestDatabase database = TestPostgres.newDatabase("api_conventions_purge");
        ApplicationContextRunner withDatabase = runner
                .withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
                        R2dbcTransactionManagerAutoConfiguration.class))
                .withPropertyValues("spring.r2dbc.url=" + database.r2dbcUrl(), "spring.r2dbc.username=" + database.user(),
                        "spring.r2dbc.password=" + database.password(), "spring.flyway.url=" + database.jdbcUrl(),
                        "spring.flyway.user=" + database.user(), "spring.flyway.password=" + database.password());

        withDatabase.withPropertyValues("quota.api.idempotency.purge-interval=200ms").run(context -> {
            assertThat(context).hasSingleBean(IdempotentCreates.class).hasSingleBean(AuditWriter.class)
                    .hasSingleBean(IdempotencyKeyPurge.class);
            DatabaseClient db = DatabaseClient.create(context.getBean(ConnectionFactory.class));
            db.sql("""
                    insert into idempotency_key (caller, key, request_method, request_path, request_hash, response_status, created_at)
                    values ('c', 'expired', 'POST', '/x', 'h', 201, now() - interval '49 hours'),
                           ('c', 'kept', 'POST', '/x', 'h', 201, now() - interval '47 hours')""")
                    .fetch().rowsUpdated().block();

            await().atMost(Duration.ofSeconds(20)).until(() -> keys(db).equals(List.of("kept")));
        });
        withDatabase.withPropertyValues("quota.api.idempotency.purge-enabled=false")
                .run(context -> assertThat(context).hasSingleBean(IdempotentCreates.class)
                        .doesNotHaveBean(IdempotencyKeyPurge.class));
    }

    private static List<String> keys(DatabaseClient db) {
        return db.sql("select key from idempotency_key order by key").map((row, meta) -> row.get("key", String.class))
                .all().collectList().block();
    }

    @Test
    void withoutADatabaseThereAreNoDatabaseHelpers() {
        runner.run(context -> assertThat(context).doesNotHaveBean(IdempotentCreates.class));
    }
}
