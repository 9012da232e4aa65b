package com.quota.api;

import com.quota.api.audit.AuditTrail;
import com.quota.api.audit.AuditWriter;
import com.quota.api.audit.TraceIds;
import com.quota.api.company.CompanyClock;
import com.quota.api.company.CompanySettings;
import com.quota.api.idempotency.IdempotencyKeyPurge;
import com.quota.api.idempotency.IdempotencyProperties;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.schema.ApiConventionsSchema;
import com.quota.api.schema.ApiSchemaProperties;
import com.quota.calendar.FiscalCalendar;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The API conventions of a service: the company settings, clock and fiscal calendar, and — when the service has a database — the
 * {@code idempotency_key} and {@code audit_entry} tables (own Flyway history), {@link IdempotentCreates} with its
 * purge, {@link AuditWriter} and {@link AuditTrail}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@EnableConfigurationProperties(CompanySettings.class)
public class ApiConventionsAutoConfiguration {

    /** The system clock, unless the application defines one (tests pin it). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    CompanyClock companyClock(Clock clock, CompanySettings company) {
        return new CompanyClock(clock, company.timeZone());
    }

    /** The company's fiscal calendar (years, quarters, months, weeks from its start month). */
    @Bean
    @ConditionalOnMissingBean
    FiscalCalendar fiscalCalendar(CompanySettings company) {
        return new FiscalCalendar(company.fiscalYearStartMonth());
    }

    /** The tables and the helpers that use them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DatabaseClient.class)
    @ConditionalOnBean(ConnectionFactory.class)
    @EnableConfigurationProperties({IdempotencyProperties.class, ApiSchemaProperties.class})
    static class Database {

        /** The tables exist once this bean is initialized; everything that touches them depends on it. */
        @Bean
        ApiSchemaInitializer apiConventionsSchemaInitializer(ApiSchemaProperties properties, Environment environment,
                                                             ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
            return new ApiSchemaInitializer(properties, environment, serviceMigrations);
        }

        @Bean
        @ConditionalOnMissingBean
        TraceIds traceIds() {
            return TraceIds.withoutTracer();
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotentCreates idempotentCreates(ApiSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                                            ConnectionFactory connectionFactory,
                                            ObjectProvider<ReactiveTransactionManager> transactionManager,
                                            ObjectProvider<JsonMapper> jsonMapper, Clock clock) {
            ReactiveTransactionManager tm = transactionManager.getIfUnique(() -> new R2dbcTransactionManager(connectionFactory));
            return new IdempotentCreates(db(databaseClient, connectionFactory), TransactionalOperator.create(tm),
                    mapper(jsonMapper), clock);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "quota.api.idempotency.purge-enabled", matchIfMissing = true)
        IdempotencyKeyPurge idempotencyKeyPurge(ApiSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                                                ConnectionFactory connectionFactory, Clock clock,
                                                IdempotencyProperties properties) {
            return new IdempotencyKeyPurge(db(databaseClient, connectionFactory), clock, properties);
        }

        @Bean
        @ConditionalOnMissingBean
        AuditWriter auditWriter(ApiSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                                ConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper, Clock clock,
                                TraceIds traceIds) {
            return new AuditWriter(db(databaseClient, connectionFactory), mapper(jsonMapper), clock, traceIds);
        }

        @Bean
        @ConditionalOnMissingBean
        AuditTrail auditTrail(ApiSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                              ConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper) {
            return new AuditTrail(db(databaseClient, connectionFactory), mapper(jsonMapper));
        }

        /** Audit entries carry the trace id of the request when the application has a Micrometer tracer. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = {"io.micrometer.tracing.Tracer", "io.micrometer.observation.Observation"})
        static class Tracing {

            @Bean
            @ConditionalOnMissingBean
            TraceIds traceIds(ObjectProvider<Tracer> tracer) {
                return new TraceIds(context -> traceIdOf(context, tracer));
            }

            // the request's observation travels in the Reactor context; its span is the request's span
            private static Optional<String> traceIdOf(ContextView context, ObjectProvider<Tracer> tracer) {
                Object current = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
                if (current instanceof Observation observation) {
                    TracingObservationHandler.TracingContext tracing =
                            observation.getContextView().get(TracingObservationHandler.TracingContext.class);
                    if (tracing != null && tracing.getSpan() != null) {
                        return Optional.of(tracing.getSpan().context().traceId());
                    }
                }
                Tracer available = tracer.getIfAvailable();
                Span span = available == null ? null : available.currentSpan();
                return span == null ? Optional.empty() : Optional.of(span.context().traceId());
            }
        }

        private static DatabaseClient db(ObjectProvider<DatabaseClient> databaseClient, ConnectionFactory connectionFactory) {
            return databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory));
        }

        private static JsonMapper mapper(ObjectProvider<JsonMapper> jsonMapper) {
            return jsonMapper.getIfUnique(() -> JsonMapper.builder().build());
        }
    }

    /** Runs the api-conventions migrations once the service's own Flyway (if any) is done. */
    static final class ApiSchemaInitializer implements InitializingBean {

        private final ApiSchemaProperties properties;
        private final Environment environment;
        private final ObjectProvider<FlywayMigrationInitializer> serviceMigrations;

        ApiSchemaInitializer(ApiSchemaProperties properties, Environment environment,
                             ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
            this.properties = properties;
            this.environment = environment;
            this.serviceMigrations = serviceMigrations;
        }

        @Override
        public void afterPropertiesSet() {
            if (!properties.migrate()) {
                return;
            }
            // the service's Flyway first (it is created by being asked for): it may refuse a schema with foreign tables
            serviceMigrations.orderedStream().forEach(initializer -> {
            });
            String url = first(properties.url(), "spring.flyway.url", "spring.datasource.url");
            if (url == null) {
                url = jdbcUrlOf(environment.getProperty("spring.r2dbc.url"));
            }
            if (url == null) {
                throw new IllegalStateException("No JDBC URL for the api-conventions tables: set spring.flyway.url "
                        + "(or quota.api.schema.url), or quota.api.schema.migrate=false if they exist already");
            }
            String user = first(properties.user(), "spring.flyway.user", "spring.datasource.username",
                    "spring.r2dbc.username");
            String password = first(properties.password(), "spring.flyway.password", "spring.datasource.password",
                    "spring.r2dbc.password");
            new ApiConventionsSchema(url, user, password, properties.historyTable()).migrate();
        }

        private String first(String explicit, String... propertyNames) {
            if (explicit != null && !explicit.isBlank()) {
                return explicit;
            }
            for (String name : propertyNames) {
                String value = environment.getProperty(name);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return null;
        }

        /** r2dbc:postgresql://host:port/db (or r2dbc:pool:postgresql://...) as jdbc:postgresql://host:port/db. */
        static String jdbcUrlOf(String r2dbcUrl) {
            if (r2dbcUrl == null || !r2dbcUrl.startsWith("r2dbc:")) {
                return null;
            }
            String rest = r2dbcUrl.substring("r2dbc:".length());
            for (String wrapper : List.of("pool:", "proxy:")) {
                if (rest.startsWith(wrapper)) {
                    rest = rest.substring(wrapper.length());
                }
            }
            return "jdbc:" + rest;
        }
    }
}
