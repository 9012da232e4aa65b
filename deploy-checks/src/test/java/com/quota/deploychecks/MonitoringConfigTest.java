package com.quota.deploychecks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.quota.deploychecks.RepoFiles.at;
import static com.quota.deploychecks.RepoFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards and the Prometheus alert rules parse, are provisioned, cover what operators need, and use
 * only metric names the apps really export (the code's meters, Micrometer's JVM binders, the documented third-party
 * list).
 */
class MonitoringConfigTest {

    private static final String RULES = "deploy/prometheus/rules/quota-alerts.yml";
    private static Map<String, Set<String>> namesByPlace;

    @BeforeAll
    static void readEveryExpression() {
        namesByPlace = new TreeMap<>();
        dashboardExpressions().forEach((place, expr) -> namesByPlace.put(place, PromQl.metricNames(expr)));
        ruleExpressions().forEach((place, expr) -> namesByPlace.put(place, PromQl.metricNames(expr)));
    }

    @Test
    void promQlNamesAreFoundOutsideLabelsRangesAndGroupings() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (routeId, le) (rate(a_bucket{x=~\"5..\", app=~\"$app\"}[$__rate_interval])))"))
                .containsExactly("a_bucket");
        assertThat(PromQl.metricNames("sum by (app) (x{app!=\"\"}) / sum by (app) (y > 0) > 0.9 and on(app) up == 0"))
                .containsExactly("up", "x", "y");
        assertThat(PromQl.balanced("sum(rate(x[5m])")).isFalse();
        assertThat(PromQl.balanced("sum(rate(x{a=\"(\"}[5m]))")).isTrue();
    }

    @Test
    void theCodeScanFindsTheBackboneAndGatewayMetersUnderTheirPrometheusNames() {
        Set<String> fromCode = ExportedMeters.prometheusNames(ExportedMeters.inCode());
        assertThat(fromCode).contains(
                "quota_messaging_outbox_backlog",
                "quota_messaging_outbox_oldest_pending_age_seconds",
                "quota_messaging_outbox_parked",
                "quota_messaging_outbox_parked_rows_total",
                "quota_messaging_consumer_dead_lettered_total",
                "quota_messaging_consumer_dead_lettered_open",
                "quota_messaging_consumer_events_total",
                "quota_gateway_rate_limit_rejections_total");
        assertThat(ExportedMeters.jvmBinderNames()).contains("jvm_memory_used_bytes", "process_cpu_usage");
        assertThat(ExportedMeters.kafkaConsumerNames()).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void everyMetricADashboardOrRuleUsesIsExportedByTheApps() {
        Set<String> exported = ExportedMeters.all();
        Map<String, Set<String>> unknown = new TreeMap<>();
        namesByPlace.forEach((place, names) -> {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(exported);
            if (!missing.isEmpty()) {
                unknown.put(place, missing);
            }
        });
        assertThat(unknown).as("metric names no app exports (fix the query, or the meter, or document a "
                + "third-party name in deploy/prometheus/third-party-metrics.txt)").isEmpty();
        assertThat(namesByPlace.values().stream().mapToInt(Set::size).sum()).isGreaterThan(50);
    }

    @Test
    void everyDocumentedThirdPartyNameIsUsedSomewhere() {
        Set<String> used = new HashSet<>();
        namesByPlace.values().forEach(used::addAll);
        assertThat(ExportedMeters.thirdPartyNames()).as("stale entries of third-party-metrics.txt").isSubsetOf(used);
    }

    @Test
    void dashboardsAreWellFormedUniqueAndUseTheProvisionedDatasource() {
        List<Path> dashboards = RepoFiles.files("deploy/grafana/dashboards", ".json");
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(4);
        String datasourceUid = at(list(RepoFiles.yaml(RepoFiles.path("deploy/grafana/provisioning/datasources/prometheus.yml")),
                "datasources").get(0), "uid");
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = RepoFiles.json(file);
            assertThat(uids.add(dashboard.get("uid").asString())).as("unique uid in " + file).isTrue();
            assertThat(titles.add(dashboard.get("title").asString())).as("unique title in " + file).isTrue();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(ids.add(panel.get("id").asInt())).as("unique panel id in " + file).isTrue();
                if (panel.get("type").asString().equals("row")) {
                    continue;
                }
                assertThat(panel.get("title").asString()).isNotBlank();
                assertThat(panel.at("/datasource/uid").asString()).as(file + " " + panel.get("title")).isEqualTo(datasourceUid);
                assertThat(panel.get("targets")).as(file + " " + panel.get("title")).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    assertThat(target.at("/datasource/uid").asString()).isEqualTo(datasourceUid);
                    assertThat(PromQl.balanced(target.get("expr").asString())).as(target.get("expr").asString()).isTrue();
                }
            }
        }
    }

    @Test
    void dashboardsCoverTrafficPerRouteAndServiceTheBackboneAttainmentAndTheJvm() {
        Set<String> used = new HashSet<>();
        namesByPlace.forEach((place, names) -> {
            if (place.startsWith("dashboard")) {
                used.addAll(names);
            }
        });
        assertThat(used).contains(
                // per gateway route: rate, latency, errors; per service: the same
                "spring_cloud_gateway_requests_seconds_count", "spring_cloud_gateway_requests_seconds_bucket",
                "http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "resilience4j_circuitbreaker_state", "quota_gateway_rate_limit_rejections_total",
                // the backbone: lag, backlog, parked rows and events, dead letters
                "kafka_consumer_fetch_manager_records_lag", "quota_messaging_outbox_backlog",
                "quota_messaging_outbox_parked", "quota_messaging_consumer_parked",
                "quota_messaging_consumer_dead_lettered_total", "quota_messaging_consumer_dead_lettered_open",
                // attainment events per minute (published and applied)
                "quota_messaging_outbox_published_total", "quota_messaging_consumer_events_total",
                // JVM
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "jvm_threads_live_threads", "process_cpu_usage");
        String attainment = String.join("\n", dashboardExpressions().values());
        assertThat(attainment).contains("topic=\"targets.attainment.v1\"");
    }

    @Test
    void grafanaProvisionsTheDashboardsDirectoryComposeMounts() {
        Map<String, Object> provider = list(RepoFiles.yaml(RepoFiles.path("deploy/grafana/provisioning/dashboards/quota.yml")),
                "providers").get(0);
        Map<String, Object> grafana = at(RepoFiles.yaml(RepoFiles.path("docker-compose.yml")), "services", "grafana");
        List<String> volumes = at(grafana, "volumes");
        assertThat(volumes).contains("./deploy/grafana/dashboards:" + at(provider, "options", "path") + ":ro",
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void alertRulesAreWellFormedAndCoverLagDeadLettersErrorRatesAndParkedRows() {
        Map<String, Object> rules = RepoFiles.yaml(RepoFiles.path(RULES));
        Set<String> alerts = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (Map<String, Object> group : list(rules, "groups")) {
            assertThat((String) group.get("name")).isNotBlank();
            for (Map<String, Object> rule : list(group, "rules")) {
                String alert = (String) rule.get("alert");
                assertThat(alert).as("only alerting rules here").isNotBlank();
                assertThat(alerts.add(alert)).as("unique alert " + alert).isTrue();
                assertThat(rule.keySet()).as(alert).isSubsetOf("alert", "expr", "for", "labels", "annotations", "keep_firing_for");
                assertThat(PromQl.balanced((String) rule.get("expr"))).as(alert).isTrue();
                assertThat((String) at(rule, "labels", "severity")).as(alert).isIn("warning", "critical");
                assertThat((String) at(rule, "annotations", "summary")).as(alert).isNotBlank();
                if (rule.get("for") != null) {
                    assertThat(rule.get("for").toString()).as(alert).matches("\\d+[smh]");
                }
                used.addAll(PromQl.metricNames((String) rule.get("expr")));
            }
        }
        assertThat(used).contains("kafka_consumer_fetch_manager_records_lag", "quota_messaging_consumer_dead_lettered_total",
                "http_server_requests_seconds_count", "spring_cloud_gateway_requests_seconds_count",
                "quota_messaging_outbox_parked", "quota_messaging_consumer_parked", "up");
    }

    @Test
    void composePrometheusLoadsTheRulesAndScrapesEveryApp() {
        Map<String, Object> prometheus = RepoFiles.yaml(RepoFiles.path("deploy/prometheus/prometheus.yml"));
        List<String> ruleFiles = at(prometheus, "rule_files");
        assertThat(ruleFiles).containsExactly("/etc/prometheus/rules/*.yml");
        List<String> volumes = at(RepoFiles.yaml(RepoFiles.path("docker-compose.yml")), "services", "prometheus", "volumes");
        assertThat(volumes).contains("./deploy/prometheus/rules:/etc/prometheus/rules:ro");
        Set<String> apps = new HashSet<>();
        for (Map<String, Object> job : list(prometheus, "scrape_configs")) {
            if ("quota".equals(job.get("job_name"))) {
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                list(job, "static_configs").forEach(target -> apps.add(at(target, "labels", "app")));
            }
        }
        assertThat(apps).containsExactlyInAnyOrderElementsOf(RepoFiles.APPS);
    }

    @Test
    void kubernetesPrometheusRuleCarriesExactlyTheComposeRules() {
        Map<String, Object> rule = RepoFiles.yaml(RepoFiles.path("k8s/components/monitoring/prometheus-rule.yaml"));
        assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
        assertThat(at(rule, "spec", "groups").toString())
                .isEqualTo(at(RepoFiles.yaml(RepoFiles.path(RULES)), "groups").toString());
    }

    private static Map<String, String> dashboardExpressions() {
        Map<String, String> expressions = new TreeMap<>();
        for (Path file : RepoFiles.files("deploy/grafana/dashboards", ".json")) {
            JsonNode dashboard = RepoFiles.json(file);
            List<JsonNode> panels = new ArrayList<>();
            dashboard.get("panels").forEach(panels::add);
            for (JsonNode panel : panels) {
                int i = 0;
                for (JsonNode target : panel.path("targets")) {
                    expressions.put("dashboard " + file.getFileName() + " / " + panel.get("title").asString() + " #" + i++,
                            target.get("expr").asString());
                }
            }
            for (JsonNode variable : dashboard.at("/templating/list")) {
                String definition = variable.path("definition").asString("");
                // label_values(metric, label): the metric must exist too
                if (definition.startsWith("label_values(")) {
                    expressions.put("dashboard " + file.getFileName() + " / variable " + variable.get("name").asString(),
                            definition.substring("label_values(".length(), definition.indexOf(',')));
                }
            }
        }
        return expressions;
    }

    private static Map<String, String> ruleExpressions() {
        Map<String, String> expressions = new TreeMap<>();
        for (Map<String, Object> group : list(RepoFiles.yaml(RepoFiles.path(RULES)), "groups")) {
            for (Map<String, Object> rule : list(group, "rules")) {
                expressions.put("rule " + rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return expressions;
    }
}
