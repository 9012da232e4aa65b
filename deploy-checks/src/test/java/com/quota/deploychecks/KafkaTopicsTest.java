package com.quota.deploychecks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.quota.deploychecks.RepoFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics the deployment creates are the event catalogue's (event-contracts' {@code Topics}, read from its
 * source), with its partition count, and the autoscalers never run more consumers than partitions.
 */
class KafkaTopicsTest {

    private static final String TOPICS_SOURCE = "event-contracts/src/main/java/com/quota/eventcontracts/Topics.java";
    private static final String SCRIPT = "deploy/kafka/create-topics.sh";

    private static Map<String, String> constants(String source) {
        Map<String, String> constants = new HashMap<>();
        Matcher m = Pattern.compile("static final (?:String|int) ([A-Z_]+) = \"?([^\";]+)\"?;").matcher(source);
        while (m.find()) {
            constants.put(m.group(1), m.group(2));
        }
        return constants;
    }

    private static Set<String> listConstant(String source, String name) {
        Map<String, String> constants = constants(source);
        Matcher m = Pattern.compile("List<String> " + name + " = List\\.of\\(([^)]*)\\)").matcher(source);
        assertThat(m.find()).as(name).isTrue();
        Set<String> values = new LinkedHashSet<>();
        for (String ref : m.group(1).split(",")) {
            values.add(constants.get(ref.strip()));
        }
        return values;
    }

    @Test
    void theTopicScriptCreatesExactlyTheCataloguesTopicsWithTheirCleanupPolicies() {
        String source = RepoFiles.read(TOPICS_SOURCE);
        String script = RepoFiles.read(SCRIPT);
        Matcher array = Pattern.compile("topics=\\(([^)]*)\\)").matcher(script);
        assertThat(array.find()).isTrue();
        Set<String> created = new LinkedHashSet<>(List.of(array.group(1).strip().split("\\s+")));
        assertThat(created).containsExactlyInAnyOrderElementsOf(listConstant(source, "ALL"));
        Matcher compacted = Pattern.compile("compacted=\" ([^\"]*) \"").matcher(script);
        assertThat(compacted.find()).isTrue();
        assertThat(List.of(compacted.group(1).split("\\s+"))).containsExactlyInAnyOrderElementsOf(listConstant(source, "COMPACTED"));
        assertThat(script).contains("\"${topic}" + constants(source).get("DEAD_LETTER_SUFFIX") + "\"");
    }

    @Test
    void partitionsAgreeAndNoAutoscalerRunsMoreConsumersThanPartitions() {
        int partitions = Integer.parseInt(constants(RepoFiles.read(TOPICS_SOURCE)).get("LOCAL_PARTITIONS"));
        Matcher scriptDefault = Pattern.compile("partitions=\\$\\{QUOTA_TOPIC_PARTITIONS:-(\\d+)}").matcher(RepoFiles.read(SCRIPT));
        assertThat(scriptDefault.find()).isTrue();
        assertThat(Integer.parseInt(scriptDefault.group(1))).isEqualTo(partitions);
        Map<String, Object> kafkaInit = at(RepoFiles.yaml(RepoFiles.path("docker-compose.yml")), "services", "kafka-init", "environment");
        assertThat(kafkaInit.get("QUOTA_TOPIC_PARTITIONS")).isEqualTo(String.valueOf(partitions));
        for (Map<String, Object> hpa : Kustomize.ofKind(Kustomize.render("k8s/overlays/prod"), "HorizontalPodAutoscaler")) {
            assertThat(RepoFiles.<Integer>at(hpa, "spec", "maxReplicas")).as((String) at(hpa, "metadata", "name"))
                    .isLessThanOrEqualTo(partitions);
        }
    }

    @Test
    void everyTopicADashboardOrRuleNamesExists() {
        Set<String> topics = listConstant(RepoFiles.read(TOPICS_SOURCE), "ALL");
        StringBuilder queries = new StringBuilder(RepoFiles.read("deploy/prometheus/rules/quota-alerts.yml"));
        for (Path dashboard : RepoFiles.files("deploy/grafana/dashboards", ".json")) {
            queries.append(RepoFiles.read(dashboard));
        }
        Matcher topic = Pattern.compile("topic=\\\\?\"([^\"\\\\]+)\\\\?\"").matcher(queries);
        int named = 0;
        while (topic.find()) {
            assertThat(topics).contains(topic.group(1));
            named++;
        }
        assertThat(named).as("the attainment panels name their topic").isPositive();
    }
}
