package com.quota.contract.integration;

import com.quota.contract.AbstractContractServiceIT;
import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.testsupport.security.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What reaches Kafka: the relayed contract events are whole valid records (envelope headers, topic, key, schema). */
class ContractEventsIT extends AbstractContractServiceIT {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void signedAmendedAndPaymentEventsArriveOnTheContractTopicAsValidRecordsInOrder() {
        Answer a = signed("120000.00");
        String id = a.id();
        String manager = TestTokens.manager(MANAGER_EAST);
        a = post("/api/contracts/" + id + "/amendments", manager, a.etag(), body("value", money("110000.00", "CNY"),
                "reason", "discount after delay", "effectiveDate", "2026-12-01"));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        post("/api/contracts/" + id + "/payments", TestTokens.integration("erp-finance", "payments.write"), null,
                body("amount", money("11000.00", "CNY"), "externalRef", "EV-" + id));

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "contract-events-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CONTRACTS_CONTRACT));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (id.equals(record.key())) {
                        received.add(record);
                    }
                });
                return received.size() >= 3;
            });
        }
        assertThat(received).extracting(r -> header(r, "eventType")).containsExactly("ContractSigned", "ContractAmended", "PaymentReceived");
        for (ConsumerRecord<String, String> record : received) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            EventSchemas.assertValidRecord(record.topic(), record.key(), headers, record.value());
        }
        assertThat(JSON.readTree(received.get(1).value()).path("valueDelta").path("amount").asString()).isEqualTo("-10000.00");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
