package com.quota.localstack.cli;

import com.quota.localstack.StackOptions;
import com.quota.localstack.StackState;
import com.quota.localstack.apps.App;
import com.quota.localstack.apps.HealthProbe;
import com.quota.localstack.apps.HealthProbe.Health;
import com.quota.localstack.infra.Ports;

import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code ./quota status}: the runner, PostgreSQL and Kafka ports, and each app's health. Exit 0 only when all is up. */
final class StatusCommand {

    private StatusCommand() {
    }

    static int run(StackOptions options, PrintStream out) {
        // the ports a running stack wrote down win over this shell's environment
        Optional<StackState> state = StackState.read(options.baseDir());
        Optional<ProcessHandle> runner = RunnerPidFile.liveRunner(options.baseDir());
        out.println(runner.map(p -> "runner               running (pid " + p.pid() + ")")
                .orElse("runner               not running"));
        boolean allUp = runner.isPresent();
        allUp &= port(out, "PostgreSQL", portOf(state, "postgres", options.postgresPort()));
        allUp &= port(out, "Kafka broker", portOf(state, "kafka", options.kafkaPort()));
        allUp &= port(out, "Kafka controller", portOf(state, "kafka-controller", options.kafkaControllerPort()));
        HealthProbe probe = new HealthProbe();
        for (App app : App.values()) {
            if (state.isPresent() && state.get().port(StackState.key(app)).isEmpty()) {
                out.printf("%-20s %-28s %s%n", app.module(), "", "not started (not part of the running stack)");
                continue;
            }
            int port = portOf(state, StackState.key(app), options.port(app));
            Health health = probe.check(URI.create("http://localhost:" + port));
            OptionalLong pid = state.map(s -> s.pid(StackState.key(app))).orElse(OptionalLong.empty());
            out.printf("%-20s %-28s %s%s%n", app.module(), "http://localhost:" + port, health,
                    pid.isPresent() ? "  (pid " + pid.getAsLong() + ")" : "");
            allUp &= health == Health.UP;
        }
        return allUp ? 0 : 1;
    }

    private static boolean port(PrintStream out, String what, int port) {
        boolean open = Ports.isOpen(port);
        out.printf("%-20s %-28s %s%n", what, "localhost:" + port, open ? "open" : "closed");
        return open;
    }

    private static int portOf(Optional<StackState> state, String component, int fallback) {
        return state.flatMap(s -> {
            var port = s.port(component);
            return port.isPresent() ? Optional.of(port.getAsInt()) : Optional.empty();
        }).orElse(fallback);
    }
}
