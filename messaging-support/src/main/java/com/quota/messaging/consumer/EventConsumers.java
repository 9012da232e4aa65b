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

    private final Map<String, Map<InboundEventDispatcher.Route, InboundEventDispatcher.Target>> routesByConsumer = new LinkedHashMap<>();
    private final Map<String, InboundEventDispatcher> dispatchers = new LinkedHashMap<>();
    private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> containers = new LinkedHashMap<>();
    private volatile boolean running;

    /**
     * How consumers run.
     *
     * @param handlerTimeout   longest one handler call may take before it counts as a transient failure
     * @param pollTimeout      longest the transaction of one poll may take (keep it below max.poll.interval.ms)
     * @param transientInitial first wait after a transient failure (doubles per attempt)
     * @param transientMax     longest wait between attempts after transient failures (retried without end)
     * @param deadLetters      publishes dead-lettered records; null for none (tests of the dispatcher alone)
     */
    public record Settings(String defaultConsumer, int concurrency, Duration handlerTimeout, boolean autoStartup,
                           Duration pollTimeout, Duration transientInitial, Duration transientMax,
                           org.springframework.kafka.core.KafkaOperations<String, byte[]> deadLetters,
                           com.quota.messaging.MessagingProperties.Retry retry) {
    }

    private ParkedEvents parked;

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

    /** Where dead-lettered and parked events are stored (set before start). */
    public void parkIn(ParkedEvents parked) {
        this.parked = parked;
    }

    /** The live dispatcher of a consumer (redrives apply through it). */
    synchronized InboundEventDispatcher dispatcher(String consumer) {
        if (containers.isEmpty()) {
            createContainers();
        }
        InboundEventDispatcher dispatcher = dispatchers.get(consumer);
        if (dispatcher == null) {
            throw new IllegalArgumentException("no consumer named '" + consumer + "'; known: " + dispatchers.keySet());
        }
        return dispatcher;
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
        // first, so a poll waiting out a transient failure gives up at once (its offsets stay uncommitted)
        running = false;
        containers.values().forEach(ConcurrentMessageListenerContainer::stop);
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
        Map<String, Map<InboundEventDispatcher.Route, InboundEventDispatcher.Target>> byConsumer = new LinkedHashMap<>();
        Map<InboundEventDispatcher.Route, String> sources = new LinkedHashMap<>();
        for (EventHandlerRegistry.Registration registration : registry.registrations()) {
            add(byConsumer, sources, consumerName(registration.consumer(), registration.source()),
                    new InboundEventDispatcher.Route(registration.topic(), registration.eventType()),
                    new InboundEventDispatcher.Single(registration.handler()), registration.source());
        }
        for (EventHandlerRegistry.BatchRegistration registration : registry.batchRegistrations()) {
            String consumer = consumerName(registration.consumer(), registration.source());
            InboundEventDispatcher.Batch batch = new InboundEventDispatcher.Batch(registration.handler(), registration.source());
            for (String eventType : registration.eventTypes()) {
                add(byConsumer, sources, consumer, new InboundEventDispatcher.Route(registration.topic(), eventType), batch,
                        registration.source());
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

    private static void add(Map<String, Map<InboundEventDispatcher.Route, InboundEventDispatcher.Target>> byConsumer,
                            Map<InboundEventDispatcher.Route, String> sources, String consumer,
                            InboundEventDispatcher.Route route, InboundEventDispatcher.Target target, String source) {
        InboundEventDispatcher.Target previous = byConsumer.computeIfAbsent(consumer, c -> new LinkedHashMap<>()).putIfAbsent(route, target);
        if (previous != null) {
            throw new IllegalStateException("consumer '" + consumer + "' has two handlers for " + route.eventType()
                    + " on " + route.topic() + " (one is " + source + "); an event has one effect per consumer");
        }
        sources.put(route, source);
    }

    /**
     * Replays every topic of a consumer from its first offset under a new Kafka group id, applying through the same
     * inbox: events the consumer has applied are skipped, only missing ones take effect. Stop the returned container
     * when its group has caught up.
     */
    public synchronized MessageListenerContainer replay(String consumer, String groupId) {
        Map<InboundEventDispatcher.Route, InboundEventDispatcher.Target> routes = routesByConsumer.get(consumer);
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
            String consumer, String groupId, Map<InboundEventDispatcher.Route, InboundEventDispatcher.Target> routes) {
        ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(topicsOf(routes).toArray(String[]::new));
        container.getContainerProperties().setGroupId(groupId);
        container.getContainerProperties().setClientId(groupId);
        container.setConcurrency(settings.concurrency());
        container.setBeanName("events-" + groupId);
        container.setAutoStartup(false);
        InboundEventDispatcher dispatcher = new InboundEventDispatcher(consumer, routes, inbox, parked, metrics, mapper,
                new InboundEventDispatcher.Timing(settings.handlerTimeout(), settings.pollTimeout(),
                        settings.transientInitial(), settings.transientMax()));
        dispatcher.runningWhile(() -> container.isRunning() && running);
        dispatchers.putIfAbsent(consumer, dispatcher);
        container.setupMessageListener(dispatcher);
        if (settings.deadLetters() != null) {
            container.setCommonErrorHandler(DeadLetters.errorHandler(settings.deadLetters(), settings.retry(), metrics,
                    consumer, parked, inbox));
        }
        return container;
    }

    private static List<String> topicsOf(Map<InboundEventDispatcher.Route, ?> routes) {
        return routes.keySet().stream().map(InboundEventDispatcher.Route::topic).distinct().toList();
    }

    private String consumerName(String named, String source) {
        String name = !named.isBlank() ? named : settings.defaultConsumer();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(source + " names no consumer; set @EventHandler(consumer = ...), "
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
