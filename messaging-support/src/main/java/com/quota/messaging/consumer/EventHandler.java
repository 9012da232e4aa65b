package com.quota.messaging.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that applies one event type from one topic, at most once per consumer. The method takes an
 * {@link InboundEvent} and returns {@code Mono<Void>}; the effect runs in the same transaction as the consumer's
 * inbox row, so a redelivered or replayed event changes nothing.
 * <pre>{@code
 * @EventHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventType = "OpportunityWon")
 * Mono<Void> creditWonOpportunity(InboundEvent event) {
 *     return attainment.credit(event.payloadAs(OpportunityWon.class));
 * }
 * }</pre>
 * Records of other event types on the topic are counted as skipped. Records without a valid envelope (no eventId,
 * no eventType, no JSON payload) and handlers throwing {@link InvalidEventException} go to {@code <topic>-dlt} at
 * once; other failures are retried with back-off first.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EventHandler {

    /** The topic, e.g. {@code Topics.PIPELINE_OPPORTUNITY}. */
    String topic();

    /** The {@code eventType} header value this method applies, e.g. {@code OpportunityWon}. */
    String eventType();

    /**
     * The consumer: its Kafka group id and its inbox key. Empty for {@code quota.messaging.consumer.default-name},
     * else {@code spring.application.name}. Two consumers of the same event each apply it once.
     */
    String consumer() default "";
}
