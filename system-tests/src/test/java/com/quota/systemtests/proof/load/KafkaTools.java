package com.quota.systemtests.proof.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's ceilings measured with the infrastructure's own tools, each run as its own {@code java -cp} process (the
 * {@code kafka-tools} jar of the broker's Kafka version, on this JVM's classpath in the proof profile) or
 * {@code /usr/bin/pgbench}; their output is parsed, never estimated.
 */
final class KafkaTools {

    /** What one tool printed, and the figures read from it. */
    record Run(String command, List<String> output, int exit) {

        String last(Pattern pattern) {
            String found = null;
            for (String line : output) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found = m.group(1);
                }
            }
            return found;
        }
    }

    private KafkaTools() {
    }

    static Run producerPerformance(String bootstrap, String topic, int records, int recordSize) {
        return java("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5");
    }

    static Run consumerPerformance(String bootstrap, String topic, int records) {
        return java("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic", topic,
                "--messages", Integer.toString(records), "--timeout", "120000");
    }

    static Run endToEndLatency(String bootstrap, String topic, int records, int recordSize) {
        return java("org.apache.kafka.tools.EndToEndLatency", "--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", Integer.toString(records), "--producer-acks", "all", "--record-size", Integer.toString(recordSize));
    }

    static Run pgbench(int port, String database, Path script, int clients, int seconds) {
        return run(List.of("/usr/bin/pgbench", "-n", "-h", "localhost", "-p", Integer.toString(port), "-U", "postgres",
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds),
                "-f", script.toString(), database));
    }

    private static Run java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) {
        try {
            Path out = Files.createTempFile("proof-tool", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(out);
            String shown = String.join(" ", command.subList(0, Math.min(command.size(), 3))).replace(System.getProperty("java.class.path"), "<classpath>")
                    + " " + command.get(command.size() - 1);
            lines.stream().filter(l -> !l.startsWith("SLF4J") && !l.isBlank()).skip(Math.max(0, lines.size() - 8))
                    .forEach(l -> System.out.println("[tool] " + l));
            return new Run(shown, lines, process.exitValue());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
