package com.quota.messaging.consumer;

import com.quota.messaging.MessagingMetrics;
import com.quota.messaging.inbox.Inbox;
import com.quota.messaging.outbox.TraceparentSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The listener of one consumer. For each record: read the envelope, pick the handler by topic and {@code eventType}
 * header (never by a class name) and apply it through the inbox; event types nobody handles are counted as skipped.
 * A poll's records are applied in one database transaction, with one inbox insert for all of them (far fewer round
 * trips and commits under load). When a record fails, the records before it are applied again without it and
 * committed, and the failed record is reported to the error handler, which retries it with back-off and then
 * dead-letters it.
 */
final class InboundEventDispatcher implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InboundEventDispatcher.class);

    private final String consumer;
    private final Map<Route, Function<InboundEvent, Mono<Void>>> handlers;
    private final Inbox inbox;
    private final MessagingMetrics metrics;
    private final JsonMapper mapper;
    private final Duration timeout;

    record Route(String topic, String eventType) {
    }

    private record Outcome(String topic, String eventType, String result) {
    }

    InboundEventDispatcher(String consumer, Map<Route, Function<InboundEvent, Mono<Void>>> handlers, Inbox inbox,
                           MessagingMetrics metrics, JsonMapper mapper, Duration timeout) {
        this.consumer = consumer;
        this.handlers = Map.copyOf(handlers);
        this.inbox = inbox;
        this.metrics = metrics;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        if (!records.isEmpty()) {
            applyInOneTransaction(records);
        }
    }

    private void applyInOneTransaction(List<ConsumerRecord<String, byte[]>> records) {
        List<InboundEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(InboundEvent.from(records.get(i), mapper));
            } catch (InvalidEventException e) {
                applyPrefix(records, i);
                throw new BatchListenerFailedException(describe(e), e, records.get(i));
            }
        }
        // index of the event being applied: -1 while recording the inbox rows, events.size() once all are applied
        AtomicInteger current = new AtomicInteger(-1);
        List<Outcome> outcomes;
        try {
            outcomes = inbox.inOneTransaction(applyAll(events, current)).block(timeout.multipliedBy(events.size()));
        } catch (RuntimeException e) {
            int failed = current.get();
            if (failed < 0 || failed >= events.size()) {
                // not one event's fault (the inbox insert or the commit failed): find out record by record
                applyOneByOne(records);
                return;
            }
            applyPrefix(records, failed);
            throw new BatchListenerFailedException(describe(e), e, records.get(failed));
        }
        count(outcomes);
    }

    /** The records before a failed one were rolled back with it: apply them again, without it. */
    private void applyPrefix(List<ConsumerRecord<String, byte[]>> records, int failed) {
        if (failed > 0) {
            applyInOneTransaction(records.subList(0, failed));
        }
    }

    private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                List<InboundEvent> one = List.of(InboundEvent.from(record, mapper));
                count(inbox.inOneTransaction(applyAll(one, new AtomicInteger())).block(timeout));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(describe(e), e, record);
            }
        }
    }

    /** In the caller's transaction: one inbox insert for all handled events, then each new event's effect, in order. */
    private Mono<List<Outcome>> applyAll(List<InboundEvent> events, AtomicInteger current) {
        List<InboundEvent> handled = events.stream().filter(event -> handler(event) != null).toList();
        return inbox.recordNew(consumer, handled.stream().map(InboundEvent::eventId).toList(),
                        handled.stream().map(InboundEvent::eventType).toList())
                .flatMap(newIds -> {
                    Set<UUID> applied = new HashSet<>();
                    return Flux.range(0, events.size())
                            .concatMap(i -> {
                                current.set(i);
                                return applyOne(events.get(i), newIds, applied);
                            })
                            .collectList()
                            .doOnSuccess(done -> current.set(events.size()));
                });
    }

    private Mono<Outcome> applyOne(InboundEvent event, Set<UUID> newIds, Set<UUID> applied) {
        Function<InboundEvent, Mono<Void>> handler = handler(event);
        if (handler == null) {
            log.debug("{} skips {}: no handler for this event type", consumer, event);
            return Mono.just(new Outcome(event.topic(), event.eventType(), "skipped"));
        }
        if (!newIds.contains(event.eventId()) || !applied.add(event.eventId())) {
            log.debug("{} skips {}: applied before", consumer, event);
            return Mono.just(new Outcome(event.topic(), event.eventType(), "duplicate"));
        }
        return Mono.defer(() -> handler.apply(event))
                .thenReturn(new Outcome(event.topic(), event.eventType(), "applied"))
                // events the handler writes to its own outbox continue the producer's trace
                .contextWrite(event.traceparent() != null
                        ? Context.of(TraceparentSource.CONTEXT_KEY, event.traceparent()) : Context.empty());
    }

    private Function<InboundEvent, Mono<Void>> handler(InboundEvent event) {
        return handlers.get(new Route(event.topic(), event.eventType()));
    }

    private void count(List<Outcome> outcomes) {
        outcomes.forEach(outcome -> metrics.consumed(consumer, outcome.topic(), outcome.eventType(), outcome.result()));
    }

    private static String describe(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getName();
    }
}
