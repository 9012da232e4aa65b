package com.quota.deploychecks;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.quota.deploychecks.RepoFiles.APPS;
import static com.quota.deploychecks.RepoFiles.at;
import static com.quota.deploychecks.RepoFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml runs every app as the app expects: its settings, its port, healthy, hardened, limited. */
class ComposeFileTest {

    private static final Map<String, Object> COMPOSE = RepoFiles.yaml(RepoFiles.path("docker-compose.yml"));
    private static final Pattern PORT_MAPPING = Pattern.compile("^\"?\\$\\{([A-Z_]+):-(\\d+)}:(\\d+)\"?$");

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = at(COMPOSE, "services", name);
        assertThat(service).as("compose service " + name).isNotNull();
        return service;
    }

    private static Map<String, String> environment(String app) {
        Map<String, Object> env = at(service(app), "environment");
        Map<String, String> values = new HashMap<>();
        env.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return values;
    }

    @Test
    void everyAppAndTheInfrastructureIsThere() {
        Map<String, Object> services = at(COMPOSE, "services");
        assertThat(services.keySet()).containsAll(APPS)
                .contains("postgres", "kafka", "kafka-init", "prometheus", "grafana");
    }

    @Test
    void everyVariableAnAppNeedsIsSetAndEverySetVariableIsRead() {
        for (String app : APPS) {
            AppSettings settings = AppSettings.of(app);
            Map<String, String> env = environment(app);
            assertThat(env.keySet()).as(app + ": variables its application.yml needs").containsAll(settings.required());
            assertThat(env.keySet()).as(app + ": variables set but never read (a typo, or a renamed setting)")
                    .allMatch(settings::reads);
            env.forEach((name, value) -> assertThat(value).as(app + " " + name).isNotBlank().doesNotContain("localhost"));
        }
    }

    @Test
    void portsAgreeBetweenTheAppTheMappingTheProbeThePrometheusTargetsAndTheGatewayRoutes() {
        Map<String, Integer> ports = new HashMap<>();
        for (String app : APPS) {
            int port = AppSettings.of(app).port();
            ports.put(app, port);
            assertThat(environment(app).get("SERVER_PORT")).as(app).isEqualTo(String.valueOf(port));
            List<String> mappings = at(service(app), "ports");
            assertThat(mappings).as(app).hasSize(1);
            Matcher mapping = PORT_MAPPING.matcher(mappings.get(0));
            assertThat(mapping.matches()).as(app + " " + mappings.get(0)).isTrue();
            assertThat(Integer.parseInt(mapping.group(3))).as(app + " container port").isEqualTo(port);
            assertThat(Integer.parseInt(mapping.group(2))).as(app + " host port (the local stack's)").isEqualTo(port);
        }
        // the gateway routes to each service at its in-network address
        Map<String, String> gateway = environment("gateway");
        for (String app : List.of("target-service", "pipeline-service", "contract-service", "performance-service")) {
            String variable = app.toUpperCase().replace('-', '_') + "_URI";
            assertThat(gateway.get(variable)).isEqualTo("http://" + app + ":" + ports.get(app));
        }
        assertThat(gateway.get("AUTH_SERVER_URI")).isEqualTo("http://auth-server:" + ports.get("auth-server"));
        // Prometheus scrapes each app at that port
        Map<String, Object> prometheus = RepoFiles.yaml(RepoFiles.path("deploy/prometheus/prometheus.yml"));
        for (Map<String, Object> job : list(prometheus, "scrape_configs")) {
            for (Map<String, Object> target : list(job, "static_configs")) {
                String app = at(target, "labels", "app");
                if (app != null) {
                    assertThat(RepoFiles.<List<String>>at(target, "targets")).containsExactly(app + ":" + ports.get(app));
                }
            }
        }
        // the image's probe falls back to the same port when SERVER_PORT is unset
        String probe = RepoFiles.read("deploy/image/usr/local/bin/http-probe");
        for (String app : APPS) {
            Matcher line = Pattern.compile("^\\s*" + app + "\\) default_port=\\$?\\{?[A-Z_]*:?-?(\\d+)}?\\s*;;", Pattern.MULTILINE).matcher(probe);
            assertThat(line.find()).as("http-probe knows " + app).isTrue();
            assertThat(Integer.parseInt(line.group(1))).as("http-probe port of " + app).isEqualTo(ports.get(app));
        }
        // the issuer's JWKS is fetched from auth-server's port
        assertThat(gateway.get("QUOTA_JWK_SET_URI")).isEqualTo("http://auth-server:" + ports.get("auth-server") + "/oauth2/jwks");
    }

    @Test
    void everyAppHasAReadinessHealthcheckAndStartsAfterWhatItNeedsIsHealthy() {
        for (String app : APPS) {
            List<String> test = at(service(app), "healthcheck", "test");
            assertThat(test).as(app).containsExactly("CMD", "http-probe", "/actuator/health/readiness");
            Map<String, Map<String, Object>> dependsOn = at(service(app), "depends_on");
            assertThat(dependsOn).as(app).isNotEmpty();
            dependsOn.forEach((dependency, condition) -> {
                assertThat(service(dependency)).isNotNull();
                assertThat(condition.get("condition")).as(app + " -> " + dependency)
                        .isIn("service_healthy", "service_completed_successfully");
            });
            if (!app.equals("gateway")) {
                assertThat(dependsOn).as(app + " needs the database").containsKey("postgres");
            }
        }
        Map<String, Object> gatewayNeeds = at(service("gateway"), "depends_on");
        assertThat(gatewayNeeds.keySet()).containsExactlyInAnyOrderElementsOf(
                APPS.stream().filter(a -> !a.equals("gateway")).toList());
        for (String infrastructure : List.of("postgres", "kafka", "prometheus")) {
            assertThat((Object) at(service(infrastructure), "healthcheck", "test")).as(infrastructure).isNotNull();
        }
    }

    @Test
    void everyAppRunsNonRootOnAReadOnlyRootFilesystemWithoutCapabilitiesAndWithLimits() {
        for (String app : APPS) {
            Map<String, Object> service = service(app);
            String user = (String) service.get("user");
            assertThat(user).as(app + " user").matches("\\d+:\\d+");
            assertThat(Integer.parseInt(user.split(":")[0])).as(app + " uid").isPositive();
            assertThat(service.get("read_only")).as(app + " read_only").isEqualTo(true);
            // exec: Netty loads its native transport from java.io.tmpdir (Docker's --tmpfs default is noexec)
            assertThat(RepoFiles.<List<String>>at(service, "tmpfs")).as(app + " tmpfs")
                    .anyMatch(t -> t.startsWith("/tmp:") && List.of(t.substring(5).split(",")).contains("exec"));
            assertThat(RepoFiles.<List<String>>at(service, "cap_drop")).as(app).contains("ALL");
            assertThat(RepoFiles.<List<String>>at(service, "security_opt")).as(app).contains("no-new-privileges:true");
            assertThat((Object) at(service, "deploy", "resources", "limits", "memory")).as(app + " memory limit").isNotNull();
            assertThat((Object) at(service, "deploy", "resources", "limits", "cpus")).as(app + " cpu limit").isNotNull();
            assertThat((String) at(service, "image")).as(app).startsWith("quota/" + app + ":");
            assertThat((String) at(service, "build", "args", "MODULE")).as(app).isEqualTo(app);
        }
    }

    @Test
    void theDatabasesTheServicesUseAreCreatedOnFirstStart() {
        Set<String> databases = new TreeSet<>(List.of(String.valueOf(environment("postgres").get("QUOTA_DATABASES")).split(" ")));
        for (String app : List.of("target-service", "pipeline-service", "contract-service", "performance-service")) {
            String variable = app.substring(0, app.indexOf('-')).toUpperCase() + "_DB_NAME";
            assertThat(AppSettings.of(app).placeholders()).as(app).containsKey(variable);
            assertThat(databases).contains(environment(app).get(variable));
        }
        assertThat(environment("auth-server").get("QUOTA_DB_URL")).endsWith("/auth");
        assertThat(databases).contains("auth");
    }
}
