package com.quota.systemtests.proof.chaos;

import com.quota.systemtests.proof.Verdict;
import com.quota.eventcontracts.EventHeaders;
import com.quota.eventcontracts.Topics;
import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the run left behind, observed from outside: attainment figures through the gateway, consumer lag and
 * dead-letter topics with Kafka's admin API, events on the topics with a plain consumer, inbox and parked rows with
 * SQL. Observations only; {@link ChaosVerdicts} judges them.
 */
final class ChaosObservations {

    private final ProofStack stack;
    private final LocalStackRunner runner;

    ChaosObservations(ProofStack stack) {
        this.stack = stack;
        this.runner = stack.runner();
    }

    /** The year's actual of every owner × metric, as the attainment API answers it ({@code "reps/<id> BOOKINGS"}). */
    Map<String, BigDecimal> attainment(OrgTree org) {
        Map<String, BigDecimal> observed = new TreeMap<>();
        String today = ChaosScenario.today().toString();
        for (String owner : org.owners()) {
            for (String metric : Expectations.METRICS) {
                ProofStack.Answer answer = stack.call("GET", "/api/attainment/" + owner + "?metric=" + metric + "&period=FY"
                        + ChaosScenario.today().getYear() + "&asOf=" + today, stack.admin(), null);
                if (answer.status() == 200) {
                    observed.put(Expectations.key(owner, metric), new BigDecimal(answer.json().get("actual").get("amount").asString()));
                }
            }
        }
        return observed;
    }

    /** Σ over every consumer group of (end offset − committed offset); the number of groups in {@code groups[0]}. */
    long totalLag(int[] groups) throws Exception {
        try (Admin admin = admin()) {
            List<String> ids = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream().map(g -> g.groupId()).toList();
            groups[0] = ids.size();
            long lag = 0;
            for (String group : ids) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null) {
                        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
            }
            return lag;
        }
    }

    /** Records in each {@code -dlt} topic (end − start offsets). */
    Map<String, Long> deadLetterRecords() throws Exception {
        try (Admin admin = admin()) {
            Set<String> dlts = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX)).collect(Collectors.toSet());
            Map<String, Long> records = new TreeMap<>();
            var described = admin.describeTopics(dlts).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> first = new HashMap<>();
            Map<TopicPartition, OffsetSpec> last = new HashMap<>();
            described.forEach((topic, d) -> d.partitions().forEach(p -> {
                first.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                last.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }));
            var starts = admin.listOffsets(first).all().get(30, TimeUnit.SECONDS);
            var ends = admin.listOffsets(last).all().get(30, TimeUnit.SECONDS);
            dlts.forEach(t -> records.put(t, 0L));
            ends.forEach((tp, info) -> records.merge(tp.topic(), info.offset() - starts.get(tp).offset(), Long::sum));
            return records;
        }
    }

    /** Parked inbox rows plus parked outbox rows, per app database that has the messaging tables. */
    Map<String, Long> parkedRows() throws SQLException {
        Map<String, Long> parked = new TreeMap<>();
        for (App app : runner.options().apps()) {
            if (app.database().isEmpty()) {
                continue;
            }
            String db = app.database().get();
            try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery("""
                    select to_regclass('inbox_parked_event') is not null and to_regclass('outbox_event') is not null""")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    continue;
                }
                try (ResultSet count = c.createStatement().executeQuery("""
                        select (select count(*) from inbox_parked_event) + (select count(*) from outbox_event where parked_at is not null)""")) {
                    count.next();
                    parked.put(db, count.getLong(1));
                }
            }
        }
        return parked;
    }

    /** Every event on the topics target-service consumes: id → type, and the number of records (duplicates included). */
    Map<UUID, String> eventsOnTopics(long[] records) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runner.options().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<UUID, String> events = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = List.of(Topics.PIPELINE_OPPORTUNITY, Topics.CONTRACTS_CONTRACT, Topics.TARGETS_ORG).stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records[0]++;
                    String id = header(record, EventHeaders.EVENT_ID);
                    if (id != null) {
                        events.put(UUID.fromString(id), header(record, EventHeaders.EVENT_TYPE));
                    }
                }
            }
        }
        return events;
    }

    /** target-service's inbox rows: consumer → (event id → type). */
    Map<String, Map<UUID, String>> targetServiceInbox() throws SQLException {
        Map<String, Map<UUID, String>> inbox = new TreeMap<>();
        try (Connection c = connect(App.TARGET_SERVICE.database().orElseThrow());
             ResultSet rs = c.createStatement().executeQuery("select consumer, event_id, event_type from inbox_event")) {
            while (rs.next()) {
                inbox.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getObject(2, UUID.class), rs.getString(3));
            }
        }
        return inbox;
    }

    /** Verdicts for each consumer of target-service: its rows against the distinct events of the types it records. */
    List<Verdict> inboxVerdicts() throws SQLException {
        long[] records = {0};
        Map<UUID, String> events = eventsOnTopics(records);
        Set<String> typesOnTopics = new HashSet<>(events.values());
        return targetServiceInbox().entrySet().stream().map(e -> {
            Set<String> types = e.getValue().values().stream().filter(typesOnTopics::contains).collect(Collectors.toSet());
            Set<UUID> rows = e.getValue().entrySet().stream().filter(r -> types.contains(r.getValue())).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Set<UUID> distinct = events.entrySet().stream().filter(ev -> types.contains(ev.getValue())).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            return ChaosVerdicts.inbox(e.getKey() + ", " + types.size() + " event types", rows.size(), rows, distinct, records[0]);
        }).toList();
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(runner.options().jdbcUrl(database), "postgres", "postgres");
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runner.options().kafkaBootstrapServers()));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
