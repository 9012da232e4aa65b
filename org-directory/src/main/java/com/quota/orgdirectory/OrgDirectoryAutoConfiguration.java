package com.quota.orgdirectory;

import com.quota.api.ApiConventionsAutoConfiguration;
import com.quota.api.company.CompanySettings;
import com.quota.messaging.MessagingAutoConfiguration;
import com.quota.orgdirectory.persistence.R2dbcOrgDirectory;
import com.quota.orgdirectory.persistence.R2dbcOrgReplicaStore;
import com.quota.orgdirectory.replica.OrgReplicaConsumer;
import com.quota.orgdirectory.scope.ScopeResolver;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The org tree in a service: the org tables (own Flyway history), {@link OrgDirectory}, {@link OrgReplicaStore},
 * {@link ScopeResolver}, and the replica consumer of {@code targets.org.v1} unless
 * {@code quota.org-directory.replica.enabled=false}.
 */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, FlywayAutoConfiguration.class, MessagingAutoConfiguration.class,
        ApiConventionsAutoConfiguration.class})
@ConditionalOnClass(DatabaseClient.class)
@ConditionalOnBean(ConnectionFactory.class)
@EnableConfigurationProperties(OrgDirectoryProperties.class)
public final class OrgDirectoryAutoConfiguration {

    /** The org tables exist once this bean is initialized; everything that touches them depends on it. */
    @Bean
    OrgDirectorySchemaInitializer orgDirectorySchemaInitializer(OrgDirectoryProperties properties, Environment environment,
                                                                ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        return new OrgDirectorySchemaInitializer(properties.schema(), environment, serviceMigrations);
    }

    @Bean
    @ConditionalOnMissingBean
    OrgDirectory orgDirectory(OrgDirectorySchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                              ConnectionFactory connectionFactory) {
        return new R2dbcOrgDirectory(databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory)));
    }

    @Bean
    @ConditionalOnMissingBean
    OrgReplicaStore orgReplicaStore(OrgDirectorySchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                                    ConnectionFactory connectionFactory) {
        return new R2dbcOrgReplicaStore(databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory)));
    }

    @Bean
    @ConditionalOnMissingBean
    ScopeResolver scopeResolver(OrgDirectory directory) {
        return new ScopeResolver(directory);
    }

    /** The replica of targets.org.v1 (off in target-service, which owns the tree). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.kafka.core.KafkaTemplate")
    @ConditionalOnBooleanProperty(name = "quota.org-directory.replica.enabled", matchIfMissing = true)
    static class ReplicaConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OrgReplicaConsumer orgReplicaConsumer(OrgReplicaStore store, ObjectProvider<CompanySettings> company,
                                              ObjectProvider<Clock> clock) {
            // the day an org change takes effect is a business date: in the company's time zone (quota.company.time-zone)
            ZoneId zone = company.getIfAvailable(() -> new CompanySettings(ZoneId.of("Asia/Shanghai"), null, null)).timeZone();
            return new OrgReplicaConsumer(store, zone, clock.getIfUnique(Clock::systemUTC));
        }
    }

    /** Runs the org-directory migrations once the service's own Flyway (if any) is done. */
    static final class OrgDirectorySchemaInitializer implements InitializingBean {

        private final OrgDirectoryProperties.Schema schema;
        private final Environment environment;
        private final ObjectProvider<FlywayMigrationInitializer> serviceMigrations;

        OrgDirectorySchemaInitializer(OrgDirectoryProperties.Schema schema, Environment environment,
                                      ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
            this.schema = schema;
            this.environment = environment;
            this.serviceMigrations = serviceMigrations;
        }

        @Override
        public void afterPropertiesSet() {
            if (!schema.migrate()) {
                return;
            }
            // the service's Flyway first: it may refuse a schema that already has our tables but not its history
            serviceMigrations.orderedStream().forEach(initializer -> {
            });
            String url = first(schema.url(), "spring.flyway.url", "spring.datasource.url");
            if (url == null) {
                url = jdbcUrlOf(environment.getProperty("spring.r2dbc.url"));
            }
            if (url == null) {
                throw new IllegalStateException("No JDBC URL for the org tables: set spring.flyway.url "
                        + "(or quota.org-directory.schema.url), or quota.org-directory.schema.migrate=false if they exist already");
            }
            String user = first(schema.user(), "spring.flyway.user", "spring.datasource.username", "spring.r2dbc.username");
            String password = first(schema.password(), "spring.flyway.password", "spring.datasource.password",
                    "spring.r2dbc.password");
            new OrgDirectorySchema(url, user, password, schema.historyTable()).migrate();
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
