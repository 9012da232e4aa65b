package com.quota.localstack.cli;

import com.quota.localstack.StackOptions;
import com.quota.localstack.StackState;
import com.quota.localstack.apps.App;
import com.quota.localstack.infra.LocalPostgres;
import com.quota.localstack.infra.Processes;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code ./quota stop}: signals the runner (SIGTERM), which stops apps, broker and PostgreSQL in order, and waits for
 * it. If the runner was killed and left processes behind, stops those itself (pids from stack.properties and
 * postmaster.pid, checked against their command lines so a recycled pid is never touched).
 */
final class StopCommand {

    /** The runner stops apps (30 s grace each phase), broker and PostgreSQL; give it room before killing it. */
    private static final Duration RUNNER_STOP_WAIT = Duration.ofMinutes(3);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);

    private StopCommand() {
    }

    static int run(StackOptions options, PrintStream out) {
        Path baseDir = options.baseDir();
        boolean stoppedSomething = false;
        Optional<ProcessHandle> runner = RunnerPidFile.liveRunner(baseDir);
        if (runner.isPresent()) {
            long pid = runner.get().pid();
            out.println("stopping the local stack (runner pid " + pid + "; its output shows each step) ...");
            runner.get().destroy();
            if (!Processes.awaitExit(runner.get(), RUNNER_STOP_WAIT)) {
                out.println("the runner did not finish within " + RUNNER_STOP_WAIT.toMinutes() + " min; killing it");
                Processes.stop(runner.get(), Duration.ZERO);
            }
            stoppedSomething = true;
        }
        stoppedSomething |= stopLeftovers(options, out);
        RunnerPidFile.delete(baseDir);
        StackState.read(baseDir).ifPresent(StackState::delete);
        out.println(stoppedSomething ? "stopped" : "nothing was running");
        return 0;
    }

    /** Processes a killed runner left behind: apps first, then the broker, then PostgreSQL. */
    static boolean stopLeftovers(StackOptions options, PrintStream out) {
        boolean found = false;
        Optional<StackState> state = StackState.read(options.baseDir());
        if (state.isPresent()) {
            for (App app : App.values()) {
                found |= stopIfAlive(state.get().pid(StackState.key(app)), app.module() + ".jar", app.module(), out);
            }
            found |= stopIfAlive(state.get().pid("kafka"), "kafka.Kafka", "Kafka broker", out);
        }
        Path pgData = options.postgresDir();
        found |= stopIfAlive(LocalPostgres.postmasterPid(pgData), pgData.toString(), "PostgreSQL", out);
        return found;
    }

    private static boolean stopIfAlive(OptionalLong pid, String marker, String what, PrintStream out) {
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = Processes.live(pid.getAsLong(), marker);
        if (process.isEmpty()) {
            return false;
        }
        boolean killed = Processes.stop(process.get(), LEFTOVER_GRACE);
        out.println("stopped leftover " + what + " (pid " + pid.getAsLong() + (killed ? ", killed" : "") + ")");
        return true;
    }
}
