package com.quota.messaging;

import com.quota.messaging.consumer.EventConsumers;
import com.quota.messaging.testapp.ConsumptionProbe;
import com.quota.messaging.testapp.DealService;
import com.quota.messaging.testapp.TestMessagingApplication;
import com.quota.testsupport.postgres.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * One Spring context for the tests on spring-kafka-test's embedded KRaft broker and a fresh embedded PostgreSQL
 * database; every subclass reuses it (so each test filters by its own accounts and ids).
 */
@SpringBootTest(classes = TestMessagingApplication.class,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 6, brokerProperties = "auto.create.topics.enable=false")
public abstract class EmbeddedKafkaTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "messaging");
    }

    @Autowired
    protected DealService deals;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected MessagingMetrics metrics;
    @Autowired
    protected EventConsumers consumers;
    @Autowired
    protected ConsumptionProbe probe;
    @Autowired
    protected Environment environment;

    protected String bootstrapServers() {
        return environment.getRequiredProperty("spring.embedded.kafka.brokers");
    }

    /** A fresh account id per test, so tests sharing the context never see each other's deals. */
    protected static String newAccount(String name) {
        return name + "-" + UUID.randomUUID();
    }

    protected long count(String sql, String name, Object value) {
        return db.sql(sql).bind(name, value).map((row, meta) -> row.get(0, Long.class)).one().blockOptional().orElse(0L);
    }

    protected long effectsOfAccount(String account) {
        return count("SELECT count(*) FROM deal_effect WHERE account_id = :account", "account", account);
    }
}
