package com.quota.orgdirectory;

import com.quota.orgdirectory.replica.OrgReplicaConsumer;
import com.quota.orgdirectory.scope.ScopeResolver;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** What the auto-configuration gives a service, and the switch that turns the replica consumer off (target-service). */
class OrgDirectoryAutoConfigurationIT {

    // a connection factory that is never connected: the beans are only wired here
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OrgDirectoryAutoConfiguration.class))
            .withBean(ConnectionFactory.class, () -> ConnectionFactories.get("r2dbc:postgresql://nobody:secret@localhost:1/none"))
            .withPropertyValues("quota.org-directory.schema.migrate=false");

    @Test
    void aServiceGetsTheDirectoryTheStoreTheScopeResolverAndTheReplicaConsumer() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(OrgDirectory.class)
                .hasSingleBean(OrgReplicaStore.class)
                .hasSingleBean(ScopeResolver.class)
                .hasSingleBean(OrgReplicaConsumer.class));
    }

    @Test
    void theOwnerOfTheTreeSwitchesTheReplicaOffAndKeepsTheQueries() {
        runner.withPropertyValues("quota.org-directory.replica.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(OrgDirectory.class)
                .hasSingleBean(OrgReplicaStore.class)
                .doesNotHaveBean(OrgReplicaConsumer.class));
    }

    @Test
    void withoutADatabaseNothingIsConfigured() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OrgDirectoryAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(OrgDirectory.class));
    }
}
