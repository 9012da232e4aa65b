package com.quota.orgdirectory;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.inbox.Inbox;
import com.quota.orgdirectory.testapp.OrgDirectoryTestApplication;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * One Spring context for every org-directory IT: the test app on a fresh embedded PostgreSQL database, the embedded
 * KRaft broker, security on with test tokens. Tests use their own ids, so they never see each other's org data.
 */
@SpringBootTest(classes = OrgDirectoryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(partitions = Topics.LOCAL_PARTITIONS, brokerProperties = "auto.create.topics.enable=false")
public abstract class AbstractOrgDirectoryIT {

    protected static final String CONSUMER = "org-directory-test";
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "orgdirectory");
        TestTokens.registerResourceServer(registry);
    }

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected OrgDirectory directory;
    @Autowired
    protected OrgReplicaStore store;
    @Autowired
    protected Inbox inbox;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected Environment environment;

    protected OrgEvents events;

    @BeforeEach
    void openProducer() {
        events = new OrgEvents(environment.getRequiredProperty("spring.embedded.kafka.brokers"));
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    protected void awaitRepVersion(UUID repId, long version) {
        await().atMost(PATIENCE).until(() -> directory.rep(repId).map(OrgRep::version).blockOptional()
                .filter(v -> v == version).isPresent());
    }

    protected void awaitUnitVersion(UUID unitId, long version) {
        await().atMost(PATIENCE).until(() -> directory.unit(unitId).map(OrgUnit::version).blockOptional()
                .filter(v -> v == version).isPresent());
    }

    protected void awaitApplied(UUID eventId) {
        await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(inbox.hasProcessed(CONSUMER, eventId).block()));
    }

    protected long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().blockOptional().orElse(0L);
    }
}
