package com.quota.systemtests;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.StackOptions;
import com.quota.localstack.apps.App;
import com.quota.localstack.apps.AppProcess;
import com.quota.localstack.apps.HealthProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Horizontal scale on the local stack: a second instance each of target-service and pipeline-service joins the
 * running one (same databases, same Kafka consumer groups). The groups split their partitions over both
 * instances, both relays publish from one outbox, and deals won on either pipeline instance still add up, to the
 * cent, on the rep and every unit above — read from either target instance.
 */
class ScaleOutIT {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final int WINS = 24;

    @Test
    void twoInstancesOfTargetAndPipelineServiceSplitTheWorkAndTheTotalsStayExact() throws Exception {
        LocalStackRunner stack = RunningStack.get();
        List<AppProcess> second = new ArrayList<>();
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.options().kafkaBootstrapServers()))) {
            Map<String, Integer> before = groupMembers(kafka);
            assertThat(before).as("the services' consumer groups").isNotEmpty();
            URI target2 = startSecondInstance(stack, App.TARGET_SERVICE, second);
            URI pipeline2 = startSecondInstance(stack, App.PIPELINE_SERVICE, second);
            URI target1 = stack.options().baseUri(App.TARGET_SERVICE);
            URI pipeline1 = stack.options().baseUri(App.PIPELINE_SERVICE);
            awaitGroupsDoubled(kafka, before);

            String admin = StackTokens.user("admin");
            String crm = StackTokens.integration("crm-sync", "opportunities.write", "accounts.write");
            SalesScenario.Org org = SalesScenario.org(target2, admin);
            String pipeline = SalesScenario.pipeline(pipeline1, admin, org);
            String account = SalesScenario.account(pipeline2, crm, org);
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < WINS; i++) {
                // amounts with cents, won alternately on each pipeline instance; the sum is kept here, not read back
                BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1_000_00, 90_000_00), 2);
                SalesScenario.winDeal(i % 2 == 0 ? pipeline1 : pipeline2, crm, org, pipeline, account,
                        "ST-SCALE-" + org.run() + "-" + i, amount);
                expected = expected.add(amount);
            }
            for (URI targetInstance : List.of(target1, target2)) {
                for (String owner : org.ownersBottomUp()) {
                    SalesScenario.awaitBookings(targetInstance, admin, owner, expected);
                }
            }
        } finally {
            for (AppProcess process : second) {
                process.stop(Duration.ofSeconds(30));
            }
        }
    }

    /** Starts another JVM of the app on a free port, against the stack's PostgreSQL and Kafka; its base URI once UP. */
    private static URI startSecondInstance(LocalStackRunner stack, App app, List<AppProcess> started) throws IOException {
        StackOptions options = stack.options().toBuilder()
                .baseDir(Files.createTempDirectory("quota-second-" + app.module()))
                .appPort(app, freePort()).build();
        AppProcess process = AppProcess.start(app, stack.options().jarOf(app).orElseThrow(), options);
        started.add(process);
        URI base = options.baseUri(app);
        HealthProbe probe = new HealthProbe();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(process.isAlive()).as(app.module() + " second instance (log " + options.logOf(app) + ")").isTrue();
                    return probe.check(base) == HealthProbe.Health.UP;
                });
        return base;
    }

    /** Members of each consumer group of the two services, by group id. */
    private static Map<String, Integer> groupMembers(Admin admin) throws Exception {
        Set<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(listing -> listing.groupId())
                .filter(group -> group.contains("target") || group.contains("pipeline"))
                .collect(Collectors.toSet());
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
        return described.values().stream().collect(Collectors.toMap(ConsumerGroupDescription::groupId, d -> d.members().size()));
    }

    /** Every group the first instances had now has twice the members, each holding partitions of its own. */
    private static void awaitGroupsDoubled(Admin admin, Map<String, Integer> before) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Integer> now = groupMembers(admin);
            before.forEach((group, members) -> assertThat(now.getOrDefault(group, 0))
                    .as(group + ": members of both instances").isGreaterThanOrEqualTo(2 * members));
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(before.keySet()).all().get(10, TimeUnit.SECONDS);
            described.forEach((group, description) -> assertThat(description.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count())
                    .as(group + ": partitions spread over more members than one instance has").isGreaterThan(before.get(group)));
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
