package com.quota.localstack.apps;

import com.quota.localstack.StackException;
import com.quota.localstack.StackOptions;
import com.quota.localstack.infra.Processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One app running as its own JVM ({@code java -jar} on a copy of {@code <module>/target/<module>-<version>.jar}), its output in its log file. */
public final class AppProcess {

    private final App app;
    private final Process process;
    private final Path log;
    private final long startedAt = System.nanoTime();

    private AppProcess(App app, Process process, Path log) {
        this.app = app;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the app from a copy of its jar with the environment of {@link AppEnvironment}; output (stdout and
     * stderr) goes to its log. The copy ({@code <data folder>/apps/<module>.jar}) keeps the running app intact when
     * Maven rebuilds {@code target/} meanwhile (a JVM whose jar is replaced fails with ClassNotFoundException).
     */
    public static AppProcess start(App app, Path jar, StackOptions options) {
        Path log = options.logOf(app);
        Path runnable = copyOf(jar, options.baseDir().resolve("apps").resolve(app.module() + ".jar"));
        List<String> command = new ArrayList<>(Processes.ownSessionPrefix());
        command.add(javaExecutable().toString());
        command.addAll(options.appJvmOptions());
        command.add("-jar");
        command.add(runnable.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                // stray files an app may write land in the git-ignored data folder
                .directory(options.baseDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(AppEnvironment.of(app, options));
        try {
            Files.createDirectories(log.getParent());
            keepPreviousRun(log);
            return new AppProcess(app, builder.start(), log);
        } catch (IOException e) {
            throw new StackException("cannot start " + app.module() + ": " + e.getMessage(), e);
        }
    }

    /** The previous run's log stays beside the new one as {@code <app>.previous.log}, for the crash you want to read after a restart. */
    static void keepPreviousRun(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > 0) {
            String name = log.getFileName().toString();
            String previous = name.endsWith(".log") ? name.substring(0, name.length() - 4) + ".previous.log" : name + ".previous";
            Files.move(log, log.resolveSibling(previous), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path copyOf(Path jar, Path copy) {
        try {
            Files.createDirectories(copy.getParent());
            // copy, then rename: a process still running the previous copy keeps its file
            Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return copy;
        } catch (IOException e) {
            throw new StackException("cannot copy " + jar + " to " + copy + ": " + e.getMessage(), e);
        }
    }

    /** The java launcher of the running JVM: the apps run on the same JDK as the runner. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public App app() {
        return app;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of a process that has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** SIGKILL at once, like a crash (no graceful shutdown); returns when the process is gone. */
    public void kill() {
        process.destroyForcibly();
        Processes.awaitExit(process.toHandle(), Duration.ofSeconds(10));
    }

    /** SIGTERM (Spring's graceful shutdown), then SIGKILL after the grace period. Returns true if it had to be killed. */
    public boolean stop(Duration grace) {
        return Processes.stop(process.toHandle(), grace);
    }
}
