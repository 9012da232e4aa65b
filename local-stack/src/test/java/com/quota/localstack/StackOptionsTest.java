package com.quota.localstack;

import com.quota.localstack.apps.App;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    private final Path repo = Path.of("/work/repo");

    @Test
    void defaultsAreTheDocumentedPortsAndTheDataFolderInTheRepository() {
        StackOptions options = StackOptions.fromEnvironment(Map.of(), repo);
        assertThat(options.postgresPort()).isEqualTo(5433);
        assertThat(options.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(options.kafkaControllerPort()).isEqualTo(9093);
        assertThat(options.port(App.GATEWAY)).isEqualTo(8080);
        assertThat(options.baseDir()).isEqualTo(repo.resolve(".local-stack"));
        assertThat(options.postgresDir()).isEqualTo(repo.resolve(".local-stack/postgres"));
        assertThat(options.logOf(App.CONTRACT_SERVICE)).isEqualTo(repo.resolve(".local-stack/logs/contract-service.log"));
        assertThat(options.apps()).containsExactly(App.values());
    }

    @Test
    void everyPortAndTheFolderCanBeChangedByEnvironment() {
        StackOptions options = StackOptions.fromEnvironment(Map.of(
                "QUOTA_DB_PORT", "15433", "QUOTA_KAFKA_PORT", "19092", "QUOTA_KAFKA_CONTROLLER_PORT", "19093",
                "GATEWAY_PORT", "18080", "AUTH_SERVER_PORT", "19000", "QUOTA_LOCAL_STACK_DIR", "/tmp/qs",
                "QUOTA_HEALTH_TIMEOUT_SECONDS", "42", "QUOTA_APP_JAVA_OPTS", " -Xmx256m  -Dx=y "), repo);
        assertThat(options.postgresPort()).isEqualTo(15433);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.kafkaControllerPort()).isEqualTo(19093);
        assertThat(options.port(App.GATEWAY)).isEqualTo(18080);
        assertThat(options.issuerUri()).hasToString("http://localhost:19000");
        assertThat(options.port(App.TARGET_SERVICE)).isEqualTo(8081);
        assertThat(options.baseDir()).isEqualTo(Path.of("/tmp/qs"));
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(42));
        assertThat(options.appJvmOptions()).containsExactly("-Xmx256m", "-Dx=y");
    }

    @Test
    void quotaAppsPicksWhichAppsStartAndRejectsUnknownNames() {
        assertThat(StackOptions.fromEnvironment(Map.of("QUOTA_APPS", "gateway, auth-server"), repo).apps())
                .containsExactly(App.AUTH_SERVER, App.GATEWAY);
        assertThatThrownBy(() -> StackOptions.fromEnvironment(Map.of("QUOTA_APPS", "auth"), repo))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("QUOTA_APPS names an unknown app 'auth'; the apps are [auth-server, target-service");
    }

    @Test
    void aMistypedPortIsAClearError() {
        assertThatThrownBy(() -> StackOptions.fromEnvironment(Map.of("TARGET_SERVICE_PORT", "80a1"), repo))
                .isInstanceOf(StackException.class)
                .hasMessage("TARGET_SERVICE_PORT must be a port number (1-65535), not '80a1'");
        assertThatThrownBy(() -> StackOptions.fromEnvironment(Map.of("QUOTA_DB_PORT", "70000"), repo))
                .isInstanceOf(StackException.class).hasMessageContaining("QUOTA_DB_PORT");
    }

    @Test
    void portsByOwnerNameTheVariableThatMovesEachPort() {
        StackOptions options = StackOptions.builder(repo).apps(Set.of(App.GATEWAY)).build();
        assertThat(options.portsByOwner()).containsExactly(
                Map.entry("PostgreSQL (QUOTA_DB_PORT)", 5433),
                Map.entry("Kafka broker (QUOTA_KAFKA_PORT)", 9092),
                Map.entry("Kafka controller (QUOTA_KAFKA_CONTROLLER_PORT)", 9093),
                Map.entry("gateway (GATEWAY_PORT)", 8080));
    }

    @Test
    void freePortsMovesEveryPortAwayFromTheLocalStacksPorts() {
        StackOptions options = StackOptions.builder(repo).freePorts().build();
        List<Integer> ports = List.copyOf(options.toBuilder().build().portsByOwner().values());
        assertThat(ports).hasSize(9).doesNotHaveDuplicates()
                .doesNotContain(5433, 9092, 9093, 9000, 8080, 8081, 8082, 8083, 8084);
    }
}
