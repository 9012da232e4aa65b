/**
 * The event backbone every service uses (auto-configured; add the dependency, nothing else to enable):
 * <ul>
 *   <li>Publish: in the transaction of the change, {@code outboxWriter.append(OutboxMessage.of(EventType.OPPORTUNITY_WON,
 *       opportunityId).payload(new OpportunityWon(...)).build())}. {@code OutboxRelay} sends committed rows to Kafka
 *       (keyed by aggregate id, in order per key, at least once) from any number of instances. Money in payloads as
 *       decimal strings (String fields, or {@code @JsonFormat(shape = STRING)}).</li>
 *   <li>Consume: {@code @EventHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventType = "OpportunityWon")} on a method
 *       {@code Mono<Void> m(InboundEvent event)}; read the payload into the consumer's own record with
 *       {@code event.payloadAs(MyView.class)}. The effect commits with the inbox row: a duplicate or replay has no
 *       effect. Invalid events go to {@code <topic>-dlt} at once, failing ones after bounded retries.</li>
 *   <li>Topics: {@code quota.messaging.topics.declare} (published topics); consumed topics and every {@code -dlt} twin
 *       are created at startup when missing.</li>
 *   <li>Tables {@code outbox_event}, {@code inbox_event}: migrated from {@code classpath:db/messaging} with their own
 *       history table ({@code messaging_schema_history}) over {@code spring.flyway.url}.</li>
 *   <li>Health: the {@code kafka} contributor ({@code management.endpoint.health.group.readiness.include=readinessState,r2dbc,kafka}).
 *       Meters under {@code quota.messaging.*}.</li>
 * </ul>
 */
package com.quota.messaging;
