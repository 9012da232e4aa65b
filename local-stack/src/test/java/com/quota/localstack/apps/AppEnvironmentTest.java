package com.quota.localstack.apps;

import com.quota.localstack.StackOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppEnvironmentTest {

    private final StackOptions defaults = StackOptions.builder(Path.of("/repo")).build();

    @Test
    void everyAppGetsItsPortUnderItsOwnNameAndTheIssuer() {
        for (App app : App.values()) {
            Map<String, String> env = AppEnvironment.of(app, defaults);
            assertThat(env).containsEntry(app.portVariable(), String.valueOf(app.defaultPort()))
                    .doesNotContainKey("SERVER_PORT")
                    .containsEntry("QUOTA_ISSUER_URI", "http://localhost:9000")
                    .containsEntry("QUOTA_JWK_SET_URI", "http://localhost:9000/oauth2/jwks");
            assertThat(env.values()).allSatisfy(value -> assertThat(value).isNotBlank());
        }
    }

    @Test
    void everyAppWithADatabaseGetsItsOwnDatabaseAndTheCredentials() {
        Map<App, String> databases = Map.of(App.AUTH_SERVER, "auth", App.TARGET_SERVICE, "target",
                App.PIPELINE_SERVICE, "pipeline", App.CONTRACT_SERVICE, "contract", App.PERFORMANCE_SERVICE, "performance");
        databases.forEach((app, db) -> {
            Map<String, String> env = AppEnvironment.of(app, defaults);
            assertThat(env).containsEntry("QUOTA_DB_HOST", "localhost")
                    .containsEntry("QUOTA_DB_PORT", "5433")
                    .containsEntry("QUOTA_DB_USER", "postgres")
                    .containsEntry("QUOTA_DB_PASSWORD", "postgres")
                    .containsEntry(db.toUpperCase() + "_DB_NAME", db);
        });
        assertThat(AppEnvironment.of(App.AUTH_SERVER, defaults))
                .containsEntry("QUOTA_DB_URL", "jdbc:postgresql://localhost:5433/auth")
                .containsEntry("QUOTA_AUTH_ISSUER", "http://localhost:9000")
                .doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(AppEnvironment.of(App.GATEWAY, defaults)).doesNotContainKeys("QUOTA_DB_PORT", "QUOTA_DB_URL");
    }

    @Test
    void theFourServicesGetKafkaAndOnlyTheNamesTheirYmlReads() {
        for (App app : App.values()) {
            if (app.kind() != App.Kind.SERVICE) {
                continue;
            }
            Map<String, String> env = AppEnvironment.of(app, defaults);
            assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
            assertThat(env.keySet()).noneMatch(name -> name.startsWith("SPRING_"));
        }
        assertThat(AppEnvironment.of(App.AUTH_SERVER, defaults)).doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void theGatewayKnowsWhereEveryOtherAppIs() {
        assertThat(AppEnvironment.of(App.GATEWAY, defaults))
                .containsEntry("AUTH_SERVER_URI", "http://localhost:9000")
                .containsEntry("TARGET_SERVICE_URI", "http://localhost:8081")
                .containsEntry("PIPELINE_SERVICE_URI", "http://localhost:8082")
                .containsEntry("CONTRACT_SERVICE_URI", "http://localhost:8083")
                .containsEntry("PERFORMANCE_SERVICE_URI", "http://localhost:8084")
                .containsEntry("QUOTA_ISSUER_URI", "http://localhost:9000")
                .doesNotContainKey("GATEWAY_URI");
    }

    @Test
    void withEveryPortMovedNoDefaultPortIsLeftInAnyValue() {
        StackOptions moved = StackOptions.builder(Path.of("/repo")).freePorts().build();
        for (App app : App.values()) {
            Map<String, String> env = AppEnvironment.of(app, moved);
            assertThat(env).containsEntry(app.portVariable(), String.valueOf(moved.port(app)))
                    .containsEntry("QUOTA_ISSUER_URI", "http://localhost:" + moved.port(App.AUTH_SERVER));
            for (String value : env.values()) {
                assertThat(value).doesNotContain(":5433", ":9092", ":9093", ":9000", ":8080", ":8081", ":8082", ":8083", ":8084");
            }
            if (app.database().isPresent()) {
                assertThat(env).containsEntry("QUOTA_DB_PORT", String.valueOf(moved.postgresPort()));
            }
        }
    }

    @Test
    void aCallersExtraVariablesComeLastAndWin() {
        StackOptions options = StackOptions.builder(Path.of("/repo"))
                .appEnv(App.CONTRACT_SERVICE, "QUOTA_AUTO_DRAFT", "false")
                .appEnv(App.CONTRACT_SERVICE, "QUOTA_DB_USER", "someone")
                .build();
        assertThat(AppEnvironment.of(App.CONTRACT_SERVICE, options))
                .containsEntry("QUOTA_AUTO_DRAFT", "false")
                .containsEntry("QUOTA_DB_USER", "someone");
        assertThat(AppEnvironment.of(App.TARGET_SERVICE, options)).doesNotContainKey("QUOTA_AUTO_DRAFT");
    }
}
