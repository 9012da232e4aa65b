package com.quota.messaging.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that applies a whole poll's new events of some event types of one topic in one call. The method
 * takes a {@code List<InboundEvent>} (in offset order, duplicates already filtered out by the inbox, never empty) and
 * returns {@code Mono<Void>}; the effect runs in the poll's transaction with the inbox rows, so a projection can write
 * a poll in a few statements.
 * <pre>{@code
 * @EventBatchHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventTypes = {"OpportunityWon", "OpportunityReopened"})
 * Mono<Void> credit(List<InboundEvent> events) {
 *     return attainment.applyAll(events);
 * }
 * }</pre>
 * Events of the same poll handled by another handler split the list, so every event is applied in its offset order.
 * If the call fails with a non-transient error, the events are applied one at a time (a one-element list each) to
 * find the failing one, which is retried and then dead-lettered; its key's later events are parked. Transient errors
 * (database down, deadlock, timeout) retry the whole poll and never dead-letter.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EventBatchHandler {

    /** The topic, e.g. {@code Topics.PIPELINE_OPPORTUNITY}. */
    String topic();

    /** The {@code eventType} header values this method applies. */
    String[] eventTypes();

    /** The consumer (Kafka group id and inbox key); empty for the default, as {@link EventHandler#consumer()}. */
    String consumer() default "";
}
