package com.quota.localstack.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <data folder>/run.pid}: the pid of the {@code ./quota run} process, which {@code ./quota stop} signals, and
 * its start time, so a pid the OS has since given to another process is never taken for the runner.
 */
final class RunnerPidFile {

    static final String FILE_NAME = "run.pid";

    private RunnerPidFile() {
    }

    static void write(Path baseDir, ProcessHandle runner) {
        String started = runner.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.createDirectories(baseDir);
            Files.writeString(baseDir.resolve(FILE_NAME), runner.pid() + "\n" + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + baseDir.resolve(FILE_NAME), e);
        }
    }

    static void delete(Path baseDir) {
        try {
            Files.deleteIfExists(baseDir.resolve(FILE_NAME));
        } catch (IOException ignored) {
            // a stale pid file is recognised as stale next time
        }
    }

    /** The runner process named by the pid file, if it is still alive and is still the same process. */
    static Optional<ProcessHandle> liveRunner(Path baseDir) {
        Path file = baseDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            long pid = Long.parseLong(lines.get(0).trim());
            String started = lines.size() > 1 ? lines.get(1).trim() : "";
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> started.isEmpty()
                            || p.info().startInstant().map(Instant::toString).map(started::equals).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
