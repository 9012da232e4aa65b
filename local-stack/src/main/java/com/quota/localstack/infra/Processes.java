package com.quota.localstack.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops OS processes politely (SIGTERM), then firmly, with everything they started. */
public final class Processes {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Optional<Path> SETSID = Optional.of(Path.of("/usr/bin/setsid")).filter(Files::isExecutable)
            .or(() -> Optional.of(Path.of("/bin/setsid")).filter(Files::isExecutable));

    private Processes() {
    }

    /**
     * SIGTERM, up to {@code grace} to exit, then SIGKILL; descendants still alive afterwards are killed too.
     * Returns true when the process had to be killed.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        boolean forced = false;
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(process, grace)) {
                forced = true;
                process.destroyForcibly();
                awaitExit(process, KILL_WAIT);
            }
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
                awaitExit(child, KILL_WAIT);
            }
        }
        return forced;
    }

    /** Whether the process exited within the timeout. */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * The command prefix that starts a process in its own session ({@code setsid}) where available, so Ctrl-C in the
     * terminal reaches only the runner, which then stops the children in order. setsid execs in place: the pid stays.
     */
    public static List<String> ownSessionPrefix() {
        return SETSID.map(p -> List.of(p.toString())).orElse(List.of());
    }

    /** The live process with this pid whose command line contains {@code marker} (guards against recycled pids). */
    public static Optional<ProcessHandle> live(long pid, String marker) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false));
    }
}
