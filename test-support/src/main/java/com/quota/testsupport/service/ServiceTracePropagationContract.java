package com.quota.testsupport.service;

import com.quota.eventcontracts.EventHeaders;
import com.quota.testsupport.security.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The W3C trace of a request travels on: into the request's span and on to the Kafka record of an event it wrote.
 * Needs the service's test-only outbox probe: {@code POST /probe/outbox/{aggregateId}} appends one event to the outbox
 * inside the request.
 */
public interface ServiceTracePropagationContract extends RunningService {

    /** The topic the outbox probe's events go to. */
    String probeTopic();

    @Test
    default void eventWrittenInARequestCarriesTheRequestsTraceId(@Autowired EmbeddedKafkaBroker broker) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        UUID aggregateId = UUID.randomUUID();
        client().post().uri("/probe/outbox/{id}", aggregateId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.rep(UUID.randomUUID()))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus().isAccepted();

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "trace-probe-" + aggregateId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(probeTopic()));
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (aggregateId.toString().equals(record.key())) {
                        mine.add(record);
                    }
                });
                return !mine.isEmpty();
            });
            Header traceparent = mine.get(0).headers().lastHeader(EventHeaders.TRACEPARENT);
            assertThat(traceparent).isNotNull();
            assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
        }
    }
}
