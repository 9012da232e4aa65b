package com.quota.localstack;

import com.quota.eventcontracts.Topics;
import com.quota.localstack.apps.App;
import com.quota.localstack.infra.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The runner end to end with stand-in apps ({@link FakeApp}): real embedded PostgreSQL, a real broker process, app
 * processes awaited until healthy, then the ordered stop; and a second start whose app crashes. The six real apps
 * are covered by the system tests.
 */
class LocalStackRunnerIT {

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @Test
    void startsEverythingWaitsUntilHealthyThenStopsItAllLeavingNoProcess(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        FakeApps.install(repo, App.AUTH_SERVER);
        FakeApps.install(repo, App.TARGET_SERVICE);
        StackOptions options = StackOptions.builder(repo)
                .baseDir(tmp.resolve("data"))
                .freePorts()
                .apps(Set.of(App.AUTH_SERVER, App.TARGET_SERVICE))
                .healthTimeout(Duration.ofSeconds(90))
                .stopTimeout(Duration.ofSeconds(10))
                .progress(output::add)
                .build();

        List<ProcessHandle> processes = new ArrayList<>();
        LocalStackRunner runner = LocalStackRunner.start(options);
        try {
            assertThat(output).anyMatch(line -> line.startsWith("[1/2] auth-server healthy ("))
                    .anyMatch(line -> line.startsWith("[2/2] target-service healthy ("));
            assertTopicsAsDeclared(options.kafkaBootstrapServers());
            try (Connection c = runner.postgres().connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                assertThat(names).contains("auth", "target").doesNotContain("pipeline");
            }
            // the app process got the table's environment: its port, its database, the broker, the issuer
            String env = get(options.baseUri(App.TARGET_SERVICE) + "/env");
            assertThat(env).contains("TARGET_SERVICE_PORT=" + options.port(App.TARGET_SERVICE) + "\n",
                    "QUOTA_DB_PORT=" + options.postgresPort() + "\n", "TARGET_DB_NAME=target\n",
                    "KAFKA_BOOTSTRAP_SERVERS=" + options.kafkaBootstrapServers() + "\n",
                    "QUOTA_ISSUER_URI=" + options.issuerUri() + "\n");
            // the app runs from a copy in the data folder, so a rebuild of target/ cannot pull its jar away
            assertThat(runner.process(App.TARGET_SERVICE).map(p -> ProcessHandle.of(p.pid()).orElseThrow().info().commandLine().orElse("")))
                    .hasValueSatisfying(cmd -> assertThat(cmd).contains(options.baseDir().resolve("apps/target-service.jar").toString()));
            StackState state = StackState.read(options.baseDir()).orElseThrow();
            for (String component : List.of("auth-server", "target-service", "kafka", "postgres")) {
                processes.add(ProcessHandle.of(state.pid(component).orElseThrow()).orElseThrow());
            }
        } finally {
            runner.stop();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(StackState.read(options.baseDir())).isEmpty();
        assertThat(options.portsByOwner().values()).noneMatch(Ports::isOpen);
        // apps first (gateway side first), then the broker, then PostgreSQL
        assertThat(indexOf("stopped target-service")).isLessThan(indexOf("stopped auth-server"));
        assertThat(indexOf("stopped auth-server")).isLessThan(indexOf("stopped Kafka broker"));
        assertThat(indexOf("stopped Kafka broker")).isLessThan(indexOf("stopped PostgreSQL"));

        // second start on the same data: nothing to create, and an app that crashes fails the start with its log
        output.clear();
        StackOptions crashing = options.toBuilder().appEnv(App.TARGET_SERVICE, "FAKE_APP_MODE", "crash").build();
        assertThatThrownBy(() -> LocalStackRunner.start(crashing))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("target-service exited with code 3 before it became healthy")
                .hasMessageContaining("  | boom: cannot connect to the database");
        assertThat(output).anyMatch(line -> line.startsWith("PostgreSQL 17") && line.endsWith("(all there already)"))
                .anyMatch(line -> line.startsWith("Kafka (KRaft)") && line.endsWith("(all there already)"))
                .anyMatch(line -> line.startsWith("stopped PostgreSQL"));
        await().atMost(Duration.ofSeconds(30)).until(() -> noProcessMentions(tmp.toString()));
    }

    private void assertTopicsAsDeclared(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> names = new ArrayList<>(Topics.ALL);
            Topics.ALL.forEach(t -> names.add(Topics.deadLetterOf(t)));
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(14);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(Topics.LOCAL_PARTITIONS));

            ConfigResource org = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TARGETS_ORG);
            ConfigResource opportunities = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PIPELINE_OPPORTUNITY);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(org, opportunities)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(org).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(configs.get(opportunities).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
            assertThat(configs.get(opportunities).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    private int indexOf(String prefix) {
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + output);
    }

    private static boolean noProcessMentions(String path) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .noneMatch(p -> p.info().commandLine().map(cmd -> cmd.contains(path)).orElse(false));
    }

    private static String get(String uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
