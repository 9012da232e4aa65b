package com.quota.systemtests.proof.chaos;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fault schedule, run against the real processes: the broker SIGKILLed and started again, PostgreSQL stopped
 * immediately and started again, target-service SIGKILLed under load, its consumer groups' offsets reset to the start
 * of every partition with Kafka's admin API while it is down, and target-service started again (it replays).
 */
final class ChaosFaults {

    private final LocalStackRunner stack;
    private final ChaosLoad load;
    private final ChaosPlan plan;
    private final Instant start;
    private final List<Outage> outages = new ArrayList<>();
    private final Map<String, Integer> partitionsReset = new LinkedHashMap<>();

    ChaosFaults(LocalStackRunner stack, ChaosLoad load, ChaosPlan plan, Instant start) {
        this.stack = stack;
        this.load = load;
        this.plan = plan;
        this.start = start;
    }

    /** Runs the schedule; returns the outages as they happened. */
    List<Outage> run() throws Exception {
        waitUntil(start.plus(plan.brokerAt()));
        Instant t0 = log("SIGKILL the Kafka broker");
        stack.broker().kill();
        waitUntil(t0.plus(plan.brokerDown()));
        log("start the Kafka broker again");
        stack.broker().start();
        outages.add(new Outage("Kafka broker SIGKILL", t0, log("Kafka broker back")));

        waitUntil(start.plus(plan.postgresAt()));
        if (!plan.loadDuringPostgresOutage()) {
            log("pause the load while PostgreSQL is down (-Dproof.chaos.loadDuringPostgresOutage=false)");
            load.pause();
        }
        t0 = log("stop PostgreSQL immediately");
        stack.stopPostgresImmediately();
        waitUntil(t0.plus(plan.postgresDown()));
        log("start PostgreSQL again");
        stack.startPostgresAgain();
        outages.add(new Outage("PostgreSQL immediate stop", t0, log("PostgreSQL back")));
        if (!plan.loadDuringPostgresOutage()) {
            waitUntil(Instant.now().plus(ChaosPlan.POSTGRES_RECOVERY));
            log("resume the load");
            load.resume();
        }

        waitUntil(start.plus(plan.targetAt()));
        t0 = log("SIGKILL target-service");
        stack.killApp(App.TARGET_SERVICE);
        resetTargetServiceGroupsToTheStart();
        log("start target-service again");
        stack.restartApp(App.TARGET_SERVICE);
        outages.add(new Outage("target-service SIGKILL + offsets reset to 0", t0, log("target-service healthy again")));
        return List.copyOf(outages);
    }

    /** Partitions whose committed offset was set back to the start, by consumer group. */
    Map<String, Integer> partitionsReset() {
        return partitionsReset;
    }

    /**
     * Sets every committed offset of target-service's consumer groups back to the first offset of its partition (0
     * unless retention removed records), as {@code kafka-consumer-groups --reset-offsets --to-earliest} does. The
     * killed instance's member is removed first; the admin API refuses a reset while a group has members.
     */
    private void resetTargetServiceGroupsToTheStart() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.options().kafkaBootstrapServers()))) {
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(g -> g.groupId()).filter(g -> g.startsWith(App.TARGET_SERVICE.module())).toList();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
                committed.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> first = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetAndMetadata> reset = new LinkedHashMap<>();
                first.forEach((tp, info) -> reset.put(tp, new OffsetAndMetadata(info.offset())));
                Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                while (true) {
                    try {
                        admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // no member left, or a member the broker already dropped: the reset below tells
                    }
                    try {
                        admin.alterConsumerGroupOffsets(group, reset).all().get(30, TimeUnit.SECONDS);
                        break;
                    } catch (Exception e) {
                        if (Instant.now().isAfter(deadline)) {
                            throw new IllegalStateException("cannot reset the offsets of " + group, e);
                        }
                        waitUntil(Instant.now().plusSeconds(1));
                    }
                }
                partitionsReset.put(group, reset.size());
                log("reset " + reset.size() + " partitions of group " + group + " to their first offset " + reset.values().stream()
                        .mapToLong(OffsetAndMetadata::offset).max().orElse(0) + " (max)");
            }
        }
    }

    private Instant log(String what) {
        Instant now = Instant.now();
        System.out.printf("[chaos] +%5.1f s  %s%n", Duration.between(start, now).toMillis() / 1000.0, what);
        return now;
    }

    /** The schedule's own clock: a fault happens at a time, not when a condition holds. */
    private static void waitUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
