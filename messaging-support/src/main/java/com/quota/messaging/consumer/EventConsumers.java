package com.quota.messaging.consumer;

import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.inbox.Inbox;
import com.quota.messaging.topics.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The listener containers of the application's {@link EventHandler}s: one Kafka consumer group per consumer name,
 * subscribed to the topics it handles, started and stopped with the application.
 */
public final class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private final EventHandlerRegistry registry;
    private final ConcurrentKafkaListenerContainerFactory<String, byte[]> factory;
    private final Inbox inbox;
    private final MessagingMetrics metrics;
    private final JsonMapper mapper;
    private final Settings settings;
    private final KafkaAdmin admin;
    private final EventTopics topics;

    private final Map<String, Map<InboundEventDispatcher.Route, Function<InboundEvent, Mono<Void>>>> routesByConsumer = new LinkedHashMap<>();
    private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> containers = new LinkedHashMap<>();
    private volatile boolean running;

    /** How consumers run. */
    public record Settings(String defaultConsumer, int concurrency, Duration handlerTimeout, boolean autoStartup) {
    }

    /**
     * @param admin  creates the consumed topics and their dead-letter topics when missing; null to leave that to others
     */
    public EventConsumers(EventHandlerRegistry registry, ConcurrentKafkaListenerContainerFactory<String, byte[]> factory,
                          Inbox inbox, MessagingMetrics metrics, JsonMapper mapper, Settings settings, KafkaAdmin admin,
                          EventTopics topics) {
        this.registry = registry;
        this.factory = factory;
        this.inbox = inbox;
        this.metrics = metrics;
        this.mapper = mapper;
        this.settings = settings;
        this.admin = admin;
        this.topics = topics;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (containers.isEmpty()) {
            createContainers();
        }
        containers.values().forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        containers.values().forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.autoStartup();
    }

    @Override
    public int getPhase() {
        // like @KafkaListener containers: start last, stop first
        return Integer.MAX_VALUE - 100;
    }

    /** The container of each consumer name, e.g. for a test that waits for partition assignment. */
    public synchronized Map<String, MessageListenerContainer> containers() {
        return Map.copyOf(containers);
    }

    private void createContainers() {
        Map<String, Map<InboundEventDispatcher.Route, Function<InboundEvent, Mono<Void>>>> byConsumer = new LinkedHashMap<>();
        for (EventHandlerRegistry.Registration registration : registry.registrations()) {
            String consumer = consumerName(registration);
            InboundEventDispatcher.Route route = new InboundEventDispatcher.Route(registration.topic(), registration.eventType());
            Function<InboundEvent, Mono<Void>> previous = byConsumer.computeIfAbsent(consumer, c -> new LinkedHashMap<>())
                    .putIfAbsent(route, registration.handler());
            if (previous != null) {
                throw new IllegalStateException("consumer '" + consumer + "' has two handlers for " + route.eventType()
                        + " on " + route.topic() + " (one is " + registration.source() + "); an event has one effect per consumer");
            }
        }
        declareTopics(byConsumer.values().stream().flatMap(routes -> routes.keySet().stream())
                .map(InboundEventDispatcher.Route::topic).collect(LinkedHashSet::new, Set::add, Set::addAll));
        routesByConsumer.putAll(byConsumer);
        byConsumer.forEach((consumer, routes) -> {
            ConcurrentMessageListenerContainer<String, byte[]> container = container(consumer, consumer, routes);
            containers.put(consumer, container);
            log.info("Consumer '{}' listens to {} for {}", consumer, topicsOf(routes),
                    routes.keySet().stream().map(InboundEventDispatcher.Route::eventType).toList());
        });
    }

    /**
     * Replays every topic of a consumer from its first offset under a new Kafka group id, applying through the same
     * inbox: events the consumer has applied are skipped, only missing ones take effect. Stop the returned container
     * when its group has caught up.
     */
    public synchronized MessageListenerContainer replay(String consumer, String groupId) {
        Map<InboundEventDispatcher.Route, Function<InboundEvent, Mono<Void>>> routes = routesByConsumer.get(consumer);
        if (routes == null) {
            throw new IllegalArgumentException("no consumer named '" + consumer + "'; known: " + routesByConsumer.keySet());
        }
        if (groupId.equals(consumer)) {
            throw new IllegalArgumentException("a replay needs a group id of its own, not the live group '" + consumer + "'");
        }
        ConcurrentMessageListenerContainer<String, byte[]> container = container(consumer, groupId, routes);
        container.start();
        log.info("Consumer '{}' replays {} from the start as group '{}'", consumer, topicsOf(routes), groupId);
        return container;
    }

    private ConcurrentMessageListenerContainer<String, byte[]> container(
            String consumer, String groupId, Map<InboundEventDispatcher.Route, Function<InboundEvent, Mono<Void>>> routes) {
        ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(topicsOf(routes).toArray(String[]::new));
        container.getContainerProperties().setGroupId(groupId);
        container.getContainerProperties().setClientId(groupId);
        container.setConcurrency(settings.concurrency());
        container.setBeanName("events-" + groupId);
        container.setAutoStartup(false);
        container.setupMessageListener(new InboundEventDispatcher(consumer, routes, inbox, metrics, mapper, settings.handlerTimeout()));
        return container;
    }

    private static List<String> topicsOf(Map<InboundEventDispatcher.Route, ?> routes) {
        return routes.keySet().stream().map(InboundEventDispatcher.Route::topic).distinct().toList();
    }

    private String consumerName(EventHandlerRegistry.Registration registration) {
        String name = !registration.consumer().isBlank() ? registration.consumer() : settings.defaultConsumer();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(registration.source() + " names no consumer; set @EventHandler(consumer = ...), "
                    + "quota.messaging.consumer.default-name or spring.application.name");
        }
        return name;
    }

    private void declareTopics(Set<String> consumed) {
        if (admin == null || consumed.isEmpty()) {
            return;
        }
        List<NewTopic> wanted = new ArrayList<>(topics.withDeadLetters(consumed));
        try {
            // the dead-letter topics must exist before a poison record needs one (brokers do not auto-create topics)
            admin.createOrModifyTopics(wanted.toArray(NewTopic[]::new));
        } catch (RuntimeException e) {
            log.warn("Could not create the consumed topics {} and their dead-letter topics (is Kafka up?): {}", consumed, e.toString());
        }
    }
}
