package com.quota.deploychecks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.quota.deploychecks.RepoFiles.at;
import static com.quota.deploychecks.RepoFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kustomize overlay, rendered from the files (no kubectl), runs every app as the app expects: the variables its
 * application.yml needs, one port everywhere, probes, non-root on a read-only root filesystem, resources, Secrets
 * that exist, network paths; prod adds PodDisruptionBudgets, autoscalers and a ServiceMonitor for every app.
 */
class KubernetesManifestsTest {

    private static final List<String> SERVICES = List.of("target-service", "pipeline-service", "contract-service", "performance-service");

    private static List<Map<String, Object>> render(String overlay) {
        return Kustomize.render("k8s/overlays/" + overlay);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = list(deployment, "spec", "template", "spec", "containers");
        assertThat(containers).as(name(deployment)).hasSize(1);
        return containers.get(0);
    }

    private static String name(Map<String, Object> document) {
        return at(document, "metadata", "name");
    }

    private static Map<String, String> podLabels(Map<String, Object> deployment) {
        return at(deployment, "spec", "template", "metadata", "labels");
    }

    private static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        Map<String, String> matchLabels = selector == null ? null : at(selector, "matchLabels");
        return matchLabels == null || labels.entrySet().containsAll(matchLabels.entrySet());
    }

    private static Set<String> appsIn(List<Map<String, Object>> documents) {
        Set<String> apps = new TreeSet<>();
        Kustomize.ofKind(documents, "Deployment").forEach(d -> apps.add(name(d)));
        return apps;
    }

    @Test
    void devRunsEveryAppAndProdEveryAppButTheDemoIdentityProvider() {
        assertThat(appsIn(render("dev"))).containsExactlyInAnyOrderElementsOf(RepoFiles.APPS);
        assertThat(appsIn(render("prod"))).containsExactlyInAnyOrderElementsOf(
                RepoFiles.APPS.stream().filter(a -> !a.equals("auth-server")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableAnAppNeedsIsSetAndEveryExplicitVariableIsRead(String overlay) {
        List<Map<String, Object>> documents = render(overlay);
        for (Map<String, Object> deployment : Kustomize.ofKind(documents, "Deployment")) {
            AppSettings settings = AppSettings.of(name(deployment));
            Map<String, Object> container = container(deployment);
            Set<String> explicit = new HashSet<>();
            list(container, "env").forEach(e -> explicit.add((String) e.get("name")));
            Set<String> available = new HashSet<>(explicit);
            for (Map<String, Object> source : list(container, "envFrom")) {
                if (source.get("configMapRef") != null) {
                    List<Map<String, Object>> configMaps = Kustomize.find(documents, "ConfigMap", at(source, "configMapRef", "name"));
                    assertThat(configMaps).as(overlay + " " + name(deployment) + " ConfigMap").hasSize(1);
                    available.addAll(RepoFiles.<Map<String, Object>>at(configMaps.get(0), "data").keySet());
                } else {
                    assertThat((Object) at(source, "secretRef", "optional")).as("only optional extra Secrets").isEqualTo(true);
                }
            }
            assertThat(available).as(overlay + " " + name(deployment) + ": variables its application.yml needs")
                    .containsAll(settings.required());
            assertThat(explicit).as(overlay + " " + name(deployment) + ": variables set but never read").allMatch(settings::reads);
            for (Map<String, Object> variable : list(container, "env")) {
                if (variable.get("value") != null) {
                    assertThat(variable.get("value").toString()).as(name(deployment) + " " + variable.get("name"))
                            .isNotBlank().doesNotContain("localhost");
                }
            }
        }
        // every shared setting is read by some app
        Set<String> readBySomeApp = new HashSet<>();
        RepoFiles.APPS.forEach(app -> readBySomeApp.addAll(AppSettings.of(app).placeholders().keySet()));
        Map<String, Object> config = at(Kustomize.find(documents, "ConfigMap", "quota-config").get(0), "data");
        assertThat(config.keySet()).as(overlay + " quota-config keys no app reads").isSubsetOf(readBySomeApp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void portsAgreeBetweenTheAppTheContainerTheServiceTheAnnotationsTheRoutesAndTheNetworkPolicies(String overlay) {
        List<Map<String, Object>> documents = render(overlay);
        Map<String, Integer> ports = new HashMap<>();
        for (Map<String, Object> deployment : Kustomize.ofKind(documents, "Deployment")) {
            String app = name(deployment);
            int port = AppSettings.of(app).port();
            ports.put(app, port);
            Map<String, Object> container = container(deployment);
            assertThat(list(container, "ports")).as(app).containsExactly(Map.of("name", "http", "containerPort", port));
            Map<String, String> env = new HashMap<>();
            list(container, "env").forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
            assertThat(env.get("SERVER_PORT")).as(app).isEqualTo(String.valueOf(port));
            Map<String, String> annotations = at(deployment, "spec", "template", "metadata", "annotations");
            assertThat(annotations).as(app).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(port))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
            List<Map<String, Object>> services = Kustomize.find(documents, "Service", app);
            assertThat(services).as(app + " Service").hasSize(1);
            assertThat(list(services.get(0), "spec", "ports")).as(app)
                    .containsExactly(Map.of("name", "http", "port", port, "targetPort", "http"));
            assertThat(selects(Map.of("matchLabels", at(services.get(0), "spec", "selector")), podLabels(deployment))).isTrue();
            // some policy lets traffic in on the port (default-deny is everywhere)
            assertThat(ingressPorts(documents, podLabels(deployment))).as(overlay + " " + app + " ingress").contains(port);
        }
        Map<String, Object> gateway = container(Kustomize.find(documents, "Deployment", "gateway").get(0));
        Map<String, String> gatewayEnv = new HashMap<>();
        list(gateway, "env").forEach(e -> gatewayEnv.put((String) e.get("name"), String.valueOf(e.get("value"))));
        Set<Integer> gatewayEgress = egressPorts(documents, podLabels(Kustomize.find(documents, "Deployment", "gateway").get(0)));
        for (String service : SERVICES) {
            assertThat(gatewayEnv.get(service.toUpperCase().replace('-', '_') + "_URI"))
                    .isEqualTo("http://" + service + ":" + ports.get(service));
            assertThat(gatewayEgress).as(overlay + " gateway -> " + service).contains(ports.get(service));
            Set<Integer> serviceEgress = egressPorts(documents, podLabels(Kustomize.find(documents, "Deployment", service).get(0)));
            assertThat(serviceEgress).as(overlay + " " + service + " -> DNS, PostgreSQL, Kafka").contains(53, 5432, 9092);
        }
        if (ports.containsKey("auth-server")) {
            Map<String, Object> config = at(Kustomize.find(documents, "ConfigMap", "quota-config").get(0), "data");
            assertThat(config.get("QUOTA_JWK_SET_URI")).isEqualTo("http://auth-server:" + ports.get("auth-server") + "/oauth2/jwks");
            for (Map<String, Object> deployment : Kustomize.ofKind(documents, "Deployment")) {
                if (!name(deployment).equals("auth-server")) {
                    assertThat(egressPorts(documents, podLabels(deployment))).as(name(deployment) + " -> JWKS").contains(ports.get("auth-server"));
                }
            }
        }
        assertThat(Kustomize.find(documents, "NetworkPolicy", "default-deny-all")).singleElement()
                .satisfies(p -> {
                    assertThat((Map<?, ?>) at(p, "spec", "podSelector")).isEmpty();
                    assertThat(RepoFiles.<List<String>>at(p, "spec", "policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodHasProbesResourcesAndRunsNonRootOnAReadOnlyRootFilesystem(String overlay) {
        for (Map<String, Object> deployment : Kustomize.ofKind(render(overlay), "Deployment")) {
            String app = name(deployment);
            Map<String, Object> pod = at(deployment, "spec", "template", "spec");
            Map<String, Object> container = container(deployment);
            assertThat((Object) at(container, "readinessProbe", "httpGet", "path")).as(app).isEqualTo("/actuator/health/readiness");
            assertThat((Object) at(container, "livenessProbe", "httpGet", "path")).as(app).isEqualTo("/actuator/health/liveness");
            assertThat((Object) at(container, "startupProbe", "httpGet", "path")).as(app).isEqualTo("/actuator/health/liveness");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat((Object) at(container, probe, "httpGet", "port")).as(app + " " + probe).isEqualTo("http");
            }
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat((Object) at(container, "resources", kind, resource)).as(app + " " + kind + "." + resource).isNotNull();
                }
            }
            assertThat((Object) at(pod, "securityContext", "runAsNonRoot")).as(app).isEqualTo(true);
            assertThat(RepoFiles.<Integer>at(pod, "securityContext", "runAsUser")).as(app).isPositive();
            assertThat((Object) at(pod, "securityContext", "seccompProfile", "type")).as(app).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).as(app).isEqualTo(false);
            assertThat(pod.get("enableServiceLinks")).as(app + ": service links would clash with *_SERVICE_PORT").isEqualTo(false);
            assertThat((Object) at(container, "securityContext", "readOnlyRootFilesystem")).as(app).isEqualTo(true);
            assertThat((Object) at(container, "securityContext", "allowPrivilegeEscalation")).as(app).isEqualTo(false);
            assertThat(RepoFiles.<List<String>>at(container, "securityContext", "capabilities", "drop")).as(app).contains("ALL");
            // the only writable place: /tmp on an emptyDir
            Map<String, Object> tmp = list(container, "volumeMounts").stream()
                    .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElseThrow();
            assertThat(list(pod, "volumes")).as(app).anySatisfy(v -> {
                assertThat(v.get("name")).isEqualTo(tmp.get("name"));
                assertThat(v.get("emptyDir")).isNotNull();
            });
            assertThat((String) at(container, "image")).as(app).startsWith("quota/" + app + ":");
        }
    }

    @Test
    void devGeneratesEverySecretItsPodsReferenceAndProdNamesThemInTheDeploymentGuide() {
        List<Map<String, Object>> dev = render("dev");
        assertThat(referencedSecrets(dev)).isNotEmpty()
                .allSatisfy(secret -> assertThat(Kustomize.find(dev, "Secret", secret)).as("dev Secret " + secret).hasSize(1));
        List<Map<String, Object>> prod = render("prod");
        assertThat(Kustomize.ofKind(prod, "Secret")).as("prod generates no Secrets: they come from the cluster").isEmpty();
        String guide = RepoFiles.read("docs/deployment.md");
        assertThat(referencedSecrets(prod)).isNotEmpty().allSatisfy(secret -> assertThat(guide).contains("`" + secret + "`"));
    }

    @Test
    void prodProtectsAndScalesEveryAppAndPrometheusScrapesEveryService() {
        List<Map<String, Object>> documents = render("prod");
        for (Map<String, Object> deployment : Kustomize.ofKind(documents, "Deployment")) {
            String app = name(deployment);
            assertThat(Kustomize.ofKind(documents, "PodDisruptionBudget")).as(app + " PDB")
                    .filteredOn(pdb -> selects(at(pdb, "spec", "selector"), podLabels(deployment)))
                    .singleElement().satisfies(pdb -> assertThat((Object) at(pdb, "spec", "minAvailable")).isEqualTo(1));
            assertThat(Kustomize.ofKind(documents, "HorizontalPodAutoscaler")).as(app + " HPA")
                    .filteredOn(hpa -> app.equals(at(hpa, "spec", "scaleTargetRef", "name")))
                    .singleElement().satisfies(hpa -> {
                        assertThat(RepoFiles.<Integer>at(hpa, "spec", "minReplicas")).as("a PDB of 1 needs 2 pods to drain a node").isGreaterThanOrEqualTo(2);
                        assertThat(RepoFiles.<Integer>at(hpa, "spec", "maxReplicas")).isGreaterThan(at(hpa, "spec", "minReplicas"))
                                .as("at most one consumer per partition (6)").isLessThanOrEqualTo(6);
                    });
            assertThat((Object) at(deployment, "spec", "replicas")).as(app + ": the HPA owns the replica count").isNull();
            assertThat((Object) at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
        }
        Map<String, Object> monitor = Kustomize.ofKind(documents, "ServiceMonitor").get(0);
        Map<String, Object> endpoint = list(monitor, "spec", "endpoints").get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
        assertThat(list(endpoint, "relabelings")).anySatisfy(r -> assertThat(r.get("targetLabel")).isEqualTo("app"));
        for (Map<String, Object> service : Kustomize.ofKind(documents, "Service")) {
            assertThat(selects(at(monitor, "spec", "selector"), at(service, "metadata", "labels"))).as(name(service)).isTrue();
        }
        assertThat(Kustomize.ofKind(documents, "PrometheusRule")).hasSize(1);
    }

    @Test
    void prodGatewaysShareTheirRateLimitsInADatabaseTheDeploymentCreates() {
        List<Map<String, Object>> documents = render("prod");
        Map<String, Object> gateway = Kustomize.find(documents, "Deployment", "gateway").get(0);
        Map<String, Map<String, Object>> env = new HashMap<>();
        list(container(gateway), "env").forEach(e -> env.put((String) e.get("name"), e));
        assertThat(env.get("RATE_LIMIT_STORE")).containsEntry("value", "postgresql");
        assertThat(RepoFiles.read("gateway/src/main/resources/application.yml")).contains("store: ${RATE_LIMIT_STORE:");
        String url = (String) env.get("RATE_LIMIT_DB_URL").get("value");
        assertThat(url).startsWith("jdbc:postgresql://$(QUOTA_DB_HOST):$(QUOTA_DB_PORT)/");
        String database = url.substring(url.lastIndexOf('/') + 1);
        java.util.regex.Matcher defaults = java.util.regex.Pattern.compile("databases=\\$\\{QUOTA_DATABASES:-([^}]*)}")
                .matcher(RepoFiles.read("deploy/postgres/create-databases.sh"));
        assertThat(defaults.find()).isTrue();
        assertThat(List.of(defaults.group(1).split(" "))).as("create-databases.sh creates it").contains(database);
        for (String credential : List.of("RATE_LIMIT_DB_USERNAME", "RATE_LIMIT_DB_PASSWORD")) {
            assertThat((String) at(env.get(credential), "valueFrom", "secretKeyRef", "name")).as(credential).isEqualTo("gateway-db");
        }
        assertThat(egressPorts(documents, podLabels(gateway))).as("gateway -> PostgreSQL").contains(5432);
        // $(QUOTA_DB_HOST) expands only from variables the container has
        Map<String, Object> config = at(Kustomize.find(documents, "ConfigMap", "quota-config").get(0), "data");
        assertThat(config).containsKeys("QUOTA_DB_HOST", "QUOTA_DB_PORT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDocumentIsNamedInTheQuotaNamespaceAndLabelledAsPartOfQuota(String overlay) {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> document : render(overlay)) {
            String id = document.get("kind") + "/" + name(document);
            assertThat(seen.add(id)).as(overlay + " duplicate " + id).isTrue();
            assertThat((String) document.get("apiVersion")).as(id).isNotBlank();
            if (!"Namespace".equals(document.get("kind"))) {
                assertThat((Object) at(document, "metadata", "namespace")).as(id).isEqualTo("quota");
            }
            assertThat(RepoFiles.<Map<String, String>>at(document, "metadata", "labels")).as(id)
                    .containsEntry("app.kubernetes.io/part-of", "quota");
        }
    }

    private static Set<String> referencedSecrets(List<Map<String, Object>> documents) {
        Set<String> secrets = new TreeSet<>();
        for (Map<String, Object> deployment : Kustomize.ofKind(documents, "Deployment")) {
            for (Map<String, Object> variable : list(container(deployment), "env")) {
                String secret = at(variable, "valueFrom", "secretKeyRef", "name");
                if (secret != null) {
                    secrets.add(secret);
                }
            }
        }
        return secrets;
    }

    private static Set<Integer> ingressPorts(List<Map<String, Object>> documents, Map<String, String> labels) {
        return policyPorts(documents, labels, "ingress");
    }

    private static Set<Integer> egressPorts(List<Map<String, Object>> documents, Map<String, String> labels) {
        return policyPorts(documents, labels, "egress");
    }

    private static Set<Integer> policyPorts(List<Map<String, Object>> documents, Map<String, String> labels, String direction) {
        Set<Integer> ports = new TreeSet<>();
        for (Map<String, Object> policy : Kustomize.ofKind(documents, "NetworkPolicy")) {
            if (selects(at(policy, "spec", "podSelector"), labels)) {
                for (Map<String, Object> rule : list(policy, "spec", direction)) {
                    list(rule, "ports").forEach(p -> ports.add((Integer) p.get("port")));
                }
            }
        }
        return ports;
    }
}
