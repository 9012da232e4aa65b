package com.quota.deploychecks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus series names Quota's apps export: the meters built in the code (found in the sources), the JVM
 * binders Spring Boot binds, and the documented third-party names (deploy/prometheus/third-party-metrics.txt).
 * Names come out of a real {@link PrometheusMeterRegistry}, so the suffix and unit rules are Micrometer's own.
 */
final class ExportedMeters {

    /** A meter built in Quota's code: its Micrometer name, kind and base unit (null when none). */
    record CodeMeter(String name, String kind, String baseUnit, Path source) {
    }

    private static final Pattern BUILDER = Pattern.compile(
            "(Gauge\\.builder|Counter\\.builder|Timer\\.builder|\\bcounter|\\bgauge|\\btimer)\\(\\s*\"([a-z][a-z0-9._-]*)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"\\s*\\)");

    /** Computed once per test JVM (binding a Kafka consumer takes a moment). */
    private static Set<String> jvmNames;
    private static Set<String> kafkaNames;

    private ExportedMeters() {
    }

    /** Every meter name literal passed to a Micrometer builder or registry shortcut in the apps' and libraries' code. */
    static List<CodeMeter> inCode() {
        List<CodeMeter> meters = new ArrayList<>();
        for (Path source : mainSources()) {
            String code = RepoFiles.read(source);
            Matcher builder = BUILDER.matcher(code);
            while (builder.find()) {
                String call = builder.group(1);
                String kind = call.toLowerCase().startsWith("gauge") ? "gauge"
                        : call.toLowerCase().startsWith("timer") ? "timer" : "counter";
                int end = code.indexOf(';', builder.end());
                Matcher unit = BASE_UNIT.matcher(code.substring(builder.end(), end < 0 ? code.length() : end));
                meters.add(new CodeMeter(builder.group(2), kind, unit.find() ? unit.group(1) : null, source));
            }
        }
        return meters;
    }

    private static List<Path> mainSources() {
        try (java.util.stream.Stream<Path> modules = java.nio.file.Files.list(RepoFiles.ROOT)) {
            return modules.map(module -> module.resolve("src/main/java"))
                    .filter(java.nio.file.Files::isDirectory)
                    .flatMap(dir -> RepoFiles.files(RepoFiles.ROOT.relativize(dir).toString(), ".java").stream())
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The series names Prometheus shows for these meters ({@code _total}, {@code _seconds_count}, ...). */
    static Set<String> prometheusNames(List<CodeMeter> meters) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (CodeMeter meter : meters) {
            switch (meter.kind()) {
                case "gauge" -> Gauge.builder(meter.name(), () -> 1.0).baseUnit(meter.baseUnit()).register(registry);
                case "timer" -> Timer.builder(meter.name()).register(registry).record(java.time.Duration.ofMillis(1));
                default -> Counter.builder(meter.name()).baseUnit(meter.baseUnit()).register(registry).increment();
            }
        }
        return scrapedNames(registry);
    }

    /** What Micrometer's JVM and process binders (the ones the actuator binds) export in this JVM. */
    static synchronized Set<String> jvmBinderNames() {
        if (jvmNames == null) {
            jvmNames = bindJvmMeters();
        }
        return jvmNames;
    }

    private static Set<String> bindJvmMeters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return scrapedNames(registry);
    }

    /**
     * What Kafka's consumer client metrics are called once bound to Micrometer (as messaging-support's
     * MicrometerConsumerListener binds them): a consumer that never connects has its client-level metrics already;
     * per-partition ones (records-lag) appear only after an assignment, so those stay in the documented list.
     */
    static synchronized Set<String> kafkaConsumerNames() {
        if (kafkaNames == null) {
            kafkaNames = bindKafkaConsumerMeters();
        }
        return kafkaNames;
    }

    private static Set<String> bindKafkaConsumerMeters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        java.util.Map<String, Object> config = java.util.Map.of(
                "bootstrap.servers", "localhost:9",
                "group.id", "deploy-checks",
                "client.id", "deploy-checks",
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config);
             io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics metrics = new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(consumer)) {
            metrics.bindTo(registry);
            return scrapedNames(registry);
        }
    }

    /** The documented names of deploy/prometheus/third-party-metrics.txt (first column). */
    static Set<String> thirdPartyNames() {
        Set<String> names = new TreeSet<>();
        for (String line : RepoFiles.read("deploy/prometheus/third-party-metrics.txt").split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                names.add(trimmed.split("\\s+")[0]);
            }
        }
        return names;
    }

    static Set<String> all() {
        Set<String> names = new TreeSet<>(prometheusNames(inCode()));
        names.addAll(jvmBinderNames());
        names.addAll(kafkaConsumerNames());
        names.addAll(thirdPartyNames());
        return names;
    }

    private static Set<String> scrapedNames(PrometheusMeterRegistry registry) {
        Set<String> names = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add(end > 0 ? line.substring(0, end) : line.split(" ")[0]);
            }
        }
        registry.close();
        return names;
    }
}
