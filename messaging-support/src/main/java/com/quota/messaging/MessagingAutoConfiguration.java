package com.quota.messaging;

import com.quota.messaging.consumer.DeadLetterOperations;
import com.quota.messaging.consumer.DeadLetters;
import com.quota.messaging.consumer.EventConsumers;
import com.quota.messaging.consumer.EventHandlerRegistry;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.ParkedEvents;
import com.quota.messaging.inbox.Inbox;
import com.quota.messaging.outbox.OutboxWriter;
import com.quota.messaging.outbox.Traceparent;
import com.quota.messaging.outbox.TraceparentSource;
import com.quota.messaging.relay.OutboxRelay;
import com.quota.messaging.relay.RelayProducer;
import com.quota.messaging.schema.MessagingSchema;
import com.quota.messaging.topics.EventTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The event backbone of a service: outbox and inbox tables (own Flyway history), {@link OutboxWriter},
 * {@link OutboxRelay}, {@link Inbox}, {@link com.quota.messaging.consumer.EventHandler} listeners with retries and
 * dead-letter topics, topic declarations and meters.
 */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class,
        FlywayAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({DatabaseClient.class, KafkaTemplate.class})
@ConditionalOnBean(ConnectionFactory.class)
@EnableConfigurationProperties(MessagingProperties.class)
public final class MessagingAutoConfiguration {

    /** Bean name of the listener container factory of event consumers (String keys, raw byte[] values). */
    public static final String EVENT_LISTENER_CONTAINER_FACTORY = "quotaEventListenerContainerFactory";

    @Bean
    @ConditionalOnMissingBean
    MessagingMetrics messagingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MessagingMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The messaging tables exist once this bean is initialized; everything that touches them depends on it. */
    @Bean
    MessagingSchemaInitializer messagingSchemaInitializer(MessagingProperties properties, Environment environment,
                                                          ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        return new MessagingSchemaInitializer(properties.getSchema(), environment, serviceMigrations);
    }

    @Bean
    @ConditionalOnMissingBean
    TraceparentSource traceparentSource() {
        return TraceparentSource.withoutTracer();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(MessagingSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                              ConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper,
                              TraceparentSource traces, ObjectProvider<OutboxRelay> relay) {
        DatabaseClient db = databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory));
        return new OutboxWriter(db, messagingMapper(jsonMapper), traces, Clock.systemUTC(),
                () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(MessagingSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                ConnectionFactory connectionFactory, ObjectProvider<ReactiveTransactionManager> transactionManager,
                MessagingMetrics metrics) {
        DatabaseClient db = databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory));
        ReactiveTransactionManager tm = transactionManager.getIfUnique(() -> new R2dbcTransactionManager(connectionFactory));
        return new Inbox(db, TransactionalOperator.create(tm), metrics);
    }

    @Bean
    EventTopics eventTopics(MessagingProperties properties) {
        MessagingProperties.TopicSettings topics = properties.getTopics();
        return new EventTopics(topics.getPartitions(), topics.getReplicas(), topics.getCompacted());
    }

    /** The declared topics and their dead-letter topics, created by Spring's KafkaAdmin when missing. */
    @Bean
    KafkaAdmin.NewTopics quotaDeclaredTopics(MessagingProperties properties, EventTopics topics) {
        return new KafkaAdmin.NewTopics(topics.withDeadLetters(properties.getTopics().getDeclare())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    /** The outbox relay of this instance. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "quota.messaging.relay.enabled", matchIfMissing = true)
    static class RelayConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OutboxRelay outboxRelay(MessagingSchemaInitializer schema, ConnectionFactory connectionFactory,
                                MessagingProperties properties, KafkaProperties kafka,
                                ObjectProvider<KafkaConnectionDetails> connectionDetails, MessagingMetrics metrics,
                                ObjectProvider<JsonMapper> jsonMapper, Environment environment) {
            Map<String, Object> base = kafka.buildProducerProperties();
            connectionDetails.ifAvailable(details -> applyConnection(base, details.getProducer()));
            DefaultKafkaProducerFactory<String, String> producers = RelayProducer.factory(base, properties.getRelay().getProducer());
            producers.addListener(new org.springframework.kafka.core.MicrometerProducerListener<>(metrics.registry()));
            String name = environment.getProperty("spring.application.name", "app");
            return new OutboxRelay(name, connectionFactory, producers, OutboxRelay.Settings.from(properties.getRelay()),
                    metrics, messagingMapper(jsonMapper));
        }

        /** Operator actions on parked outbox rows (when this instance runs a relay). */
        @Bean
        @ConditionalOnMissingBean
        com.quota.messaging.relay.OutboxOperations outboxOperations(ObjectProvider<DatabaseClient> databaseClient,
                                                                    ConnectionFactory connectionFactory,
                                                                    ObjectProvider<ReactiveTransactionManager> transactionManager,
                                                                    OutboxRelay relay) {
            DatabaseClient db = databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory));
            ReactiveTransactionManager tm = transactionManager.getIfUnique(() -> new R2dbcTransactionManager(connectionFactory));
            return new com.quota.messaging.relay.OutboxOperations(db, TransactionalOperator.create(tm), relay::wakeUp);
        }
    }

    /** Listener containers of the application's event handlers, with retries and dead-letter topics. */
    @Configuration(proxyBeanMethods = false)
    static class ConsumerConfiguration {

        @Bean
        static EventHandlerRegistry eventHandlerRegistry() {
            return new EventHandlerRegistry();
        }

        @Bean
        DeadLetterProducer quotaDeadLetterProducer(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connectionDetails) {
            Map<String, Object> producerConfig = kafka.buildProducerProperties();
            connectionDetails.ifAvailable(details -> applyConnection(producerConfig, details.getProducer()));
            producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
            return new DeadLetterProducer(producerConfig);
        }

        @Bean(name = EVENT_LISTENER_CONTAINER_FACTORY)
        @ConditionalOnMissingBean(name = EVENT_LISTENER_CONTAINER_FACTORY)
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConcurrentKafkaListenerContainerFactory<String, byte[]> quotaEventListenerContainerFactory(
                KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connectionDetails,
                ObjectProvider<ConcurrentKafkaListenerContainerFactoryConfigurer> configurer,
                DeadLetterProducer deadLetters, MessagingProperties properties, MessagingMetrics metrics) {
            Map<String, Object> consumerConfig = kafka.buildConsumerProperties();
            connectionDetails.ifAvailable(details -> applyConnection(consumerConfig, details.getConsumer()));
            consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // a new consumer group reads each topic from its beginning (spring.kafka.consumer.auto-offset-reset wins)
            consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(consumerConfig);
            // Kafka's own client metrics (records-lag per partition, fetch rates, ...) in the application's registry
            consumers.addListener(new org.springframework.kafka.core.MicrometerConsumerListener<>(metrics.registry()));

            ConcurrentKafkaListenerContainerFactory factory = new ConcurrentKafkaListenerContainerFactory<>();
            ConcurrentKafkaListenerContainerFactoryConfigurer listenerSettings = configurer.getIfAvailable();
            if (listenerSettings != null) {
                // spring.kafka.listener.* (ack mode, poll timeout, ...) as for any listener of the service
                listenerSettings.configure(factory, (ConsumerFactory) consumers);
            } else {
                factory.setConsumerFactory(consumers);
            }
            // a poll's records are applied in one database transaction (InboundEventDispatcher)
            factory.setBatchListener(true);
            factory.setCommonErrorHandler(DeadLetters.errorHandler(deadLetters.template(), properties.getConsumer().getRetry(), metrics));
            factory.setAutoStartup(false);
            return factory;
        }

        @Bean
        @ConditionalOnMissingBean
        EventConsumers eventConsumers(EventHandlerRegistry registry,
                                      @Qualifier(EVENT_LISTENER_CONTAINER_FACTORY) ConcurrentKafkaListenerContainerFactory<String, byte[]> factory,
                                      Inbox inbox, MessagingMetrics metrics, ObjectProvider<JsonMapper> jsonMapper,
                                      MessagingProperties properties, Environment environment,
                                      ObjectProvider<KafkaAdmin> admin, EventTopics topics, DeadLetterProducer deadLetters,
                                      ParkedEvents parked) {
            MessagingProperties.Consumer consumer = properties.getConsumer();
            String defaultName = consumer.getDefaultName() != null ? consumer.getDefaultName()
                    : environment.getProperty("spring.application.name");
            EventConsumers.Settings settings = new EventConsumers.Settings(defaultName, consumer.getConcurrency(),
                    consumer.getHandlerTimeout(), consumer.isAutoStartup(), consumer.getPollTimeout(),
                    consumer.getTransientInitialBackoff(), consumer.getTransientMaxBackoff(), deadLetters.template(),
                    consumer.getRetry());
            EventConsumers consumers = new EventConsumers(registry, factory, inbox, metrics, messagingMapper(jsonMapper),
                    settings, admin.getIfUnique(), topics);
            consumers.parkIn(parked);
            return consumers;
        }

        @Bean
        @ConditionalOnMissingBean
        ParkedEvents parkedEvents(MessagingSchemaInitializer schema, ObjectProvider<DatabaseClient> databaseClient,
                                  ConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper) {
            DatabaseClient db = databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory));
            return new ParkedEvents(db, messagingMapper(jsonMapper));
        }

        @Bean
        @ConditionalOnMissingBean
        DeadLetterOperations deadLetterOperations(ObjectProvider<DatabaseClient> databaseClient,
                                                  ConnectionFactory connectionFactory, Inbox inbox, ParkedEvents parked,
                                                  EventConsumers consumers, ObjectProvider<JsonMapper> jsonMapper) {
            DatabaseClient db = databaseClient.getIfAvailable(() -> DatabaseClient.create(connectionFactory));
            return new DeadLetterOperations(db, inbox, parked, consumers, messagingMapper(jsonMapper));
        }
    }

    /** {@code /actuator/messaging}: list, redrive, discard (ADMIN, as every actuator endpoint of a service). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class OperationsEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        com.quota.messaging.ops.MessagingOperationsEndpoint messagingOperationsEndpoint(
                DeadLetterOperations deadLetters, ObjectProvider<com.quota.messaging.relay.OutboxOperations> outbox) {
            return new com.quota.messaging.ops.MessagingOperationsEndpoint(deadLetters, outbox.getIfAvailable());
        }
    }

    /** Copies the traceparent of the current span when the application has a Micrometer tracer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class TracingConfiguration {

        @Bean
        @ConditionalOnBean(type = "io.micrometer.tracing.Tracer")
        @ConditionalOnMissingBean
        TraceparentSource traceparentSource(io.micrometer.tracing.Tracer tracer) {
            return new TraceparentSource(() -> currentTraceparent(tracer));
        }

        private static java.util.Optional<String> currentTraceparent(io.micrometer.tracing.Tracer tracer) {
            io.micrometer.tracing.Span span = tracer.currentSpan();
            if (span == null) {
                return java.util.Optional.empty();
            }
            io.micrometer.tracing.TraceContext context = span.context();
            try {
                return java.util.Optional.of(Traceparent.of(context.traceId(), context.spanId(),
                        !Boolean.FALSE.equals(context.sampled())));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /** JSON for payloads and headers: the application's mapper if it has one (its modules), unknown fields ignored. */
    static JsonMapper messagingMapper(ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper application = jsonMapper.getIfUnique();
        return application == null ? InboundEvent.DEFAULT_MAPPER
                : application.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    static void applyConnection(Map<String, Object> config, KafkaConnectionDetails.Configuration connection) {
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.getBootstrapServers()));
        if (connection.getSecurityProtocol() != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, connection.getSecurityProtocol());
        }
    }

    /** Runs the messaging migrations once the service's own Flyway (if any) is done. */
    static final class MessagingSchemaInitializer implements InitializingBean {

        private final MessagingProperties.Schema schema;
        private final Environment environment;
        private final ObjectProvider<FlywayMigrationInitializer> serviceMigrations;

        MessagingSchemaInitializer(MessagingProperties.Schema schema, Environment environment,
                                   ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
            this.schema = schema;
            this.environment = environment;
            this.serviceMigrations = serviceMigrations;
        }

        @Override
        public void afterPropertiesSet() {
            if (!schema.isMigrate()) {
                return;
            }
            // the service's Flyway first: it may refuse a schema that already has our tables but not its history
            serviceMigrations.orderedStream().forEach(initializer -> {
            });
            String url = first(schema.getUrl(), "spring.flyway.url", "spring.datasource.url");
            if (url == null) {
                url = jdbcUrlOf(environment.getProperty("spring.r2dbc.url"));
            }
            if (url == null) {
                throw new IllegalStateException("No JDBC URL for the messaging tables: set spring.flyway.url "
                        + "(or quota.messaging.schema.url), or quota.messaging.schema.migrate=false if they exist already");
            }
            String user = first(schema.getUser(), "spring.flyway.user", "spring.datasource.username", "spring.r2dbc.username");
            String password = first(schema.getPassword(), "spring.flyway.password", "spring.datasource.password", "spring.r2dbc.password");
            new MessagingSchema(url, user, password, schema.getHistoryTable()).migrate();
        }

        private String first(String explicit, String... propertyNames) {
            if (explicit != null) {
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

    /** The producer of dead-letter records (raw byte[] values), closed with the application. */
    static final class DeadLetterProducer implements DisposableBean {

        private final DefaultKafkaProducerFactory<String, byte[]> factory;
        private final KafkaTemplate<String, byte[]> template;

        DeadLetterProducer(Map<String, Object> config) {
            this.factory = new DefaultKafkaProducerFactory<>(config);
            this.template = new KafkaTemplate<>(factory);
        }

        KafkaTemplate<String, byte[]> template() {
            return template;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }
}
