package com.quota.localstack;

import com.quota.localstack.apps.App;
import com.quota.localstack.apps.AppProcess;
import com.quota.localstack.apps.HealthProbe;
import com.quota.localstack.apps.HealthProbe.Health;
import com.quota.localstack.apps.LogTail;
import com.quota.localstack.infra.KafkaBroker;
import com.quota.localstack.infra.LocalPostgres;
import com.quota.localstack.infra.Ports;
import com.quota.localstack.infra.TopicProvisioner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the whole product on one machine without Docker: embedded PostgreSQL 17 (with the apps' databases), a real
 * KRaft broker process (with the topics), then the apps as JVM processes — auth-server, the four services, the
 * gateway — each awaited until healthy. {@link #stop()} stops them in reverse: apps, broker, PostgreSQL.
 * Used by {@code ./quota run} and by system tests (temp folder, free ports, a subset of apps).
 */
public final class LocalStackRunner implements AutoCloseable {

    /** Lines of an app's log shown when it fails to come up. */
    public static final int LOG_LINES_ON_FAILURE = 30;
    private static final Duration POLL = Duration.ofMillis(500);

    private final StackOptions options;
    private final Consumer<String> out;
    private final HealthProbe probe = new HealthProbe();
    private final StackState state;
    private final Map<App, AppProcess> apps = new EnumMap<>(App.class);
    private LocalPostgres postgres;
    private KafkaBroker broker;
    private final Object stopLock = new Object();
    private boolean stopped;
    private boolean stopCompleted;
    private final Set<App> healthy = EnumSet.noneOf(App.class);

    private LocalStackRunner(StackOptions options) {
        this.options = options;
        this.out = options.progress();
        this.state = StackState.create(options.baseDir());
    }

    /**
     * Checks, then starts everything and waits until every app is healthy. On any failure, stops what it started and
     * throws a {@link StackException} whose message says what went wrong (with the failing app's last log lines).
     */
    public static LocalStackRunner start(StackOptions options) {
        return create(options).startAll();
    }

    /** A runner that has started nothing yet, so a shutdown hook can hold it before {@link #startAll()} begins. */
    public static LocalStackRunner create(StackOptions options) {
        return new LocalStackRunner(options);
    }

    /**
     * Runs the {@link #preflight} checks, then starts PostgreSQL, Kafka and the apps phase by phase, each phase awaited
     * until healthy. On failure (or a {@link #stop()} meanwhile) it stops what it started and throws.
     */
    public LocalStackRunner startAll() {
        preflight(options);
        try {
            startEverything();
            return this;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** What must hold before anything starts: every app jar built, every port free (all problems in one message). */
    public static void preflight(StackOptions options) {
        List<String> problems = new ArrayList<>();
        for (App app : options.apps()) {
            if (options.jarOf(app).isEmpty()) {
                problems.add(app.module() + " is not built: no jar in " + options.repoRoot().resolve(app.module()).resolve("target")
                        + " (./quota --build, or ./mvnw -B -DskipTests install)");
            }
        }
        problems.addAll(Ports.conflicts(options.portsByOwner()));
        if (!problems.isEmpty()) {
            throw new StackException("cannot start the local stack:\n  - " + String.join("\n  - ", problems)
                    + (problems.stream().anyMatch(p -> p.contains("in use"))
                    ? "\n  Is a stack already running (./quota status, ./quota stop)? Or set the variable named above to another port."
                    : ""));
        }
    }

    private void startEverything() {
        try {
            Files.createDirectories(options.logsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.logsDir(), e);
        }
        startPostgres();
        startKafka();
        for (List<App> phase : App.startPhases()) {
            List<App> selected = phase.stream().filter(options.apps()::contains).toList();
            if (!selected.isEmpty()) {
                selected.forEach(this::startApp);
                awaitHealthy(selected, options.healthTimeout());
            }
        }
        apps.values().forEach(this::reportUnexpectedExit);
    }

    private void startPostgres() {
        long t0 = System.nanoTime();
        synchronized (this) {
            ensureNotStopped();
            postgres = LocalPostgres.start(options.postgresDir(), options.postgresPort(), options.logsDir().resolve("postgres.log"));
        }
        state.put("postgres.port", options.postgresPort());
        postgres.pid().ifPresent(pid -> state.put("postgres.pid", pid));
        List<String> databases = options.apps().stream().flatMap(a -> a.database().stream()).toList();
        List<String> created = postgres.createDatabasesIfAbsent(databases);
        out.accept(String.format("PostgreSQL 17  localhost:%d  ready (%s)  data %s  databases %s%s",
                options.postgresPort(), seconds(t0), relative(options.postgresDir()), String.join(", ", databases),
                created.isEmpty() ? " (all there already)" : " (created " + String.join(", ", created) + ")"));
    }

    private void startKafka() {
        long t0 = System.nanoTime();
        synchronized (this) {
            ensureNotStopped();
            broker = KafkaBroker.builder()
                    .dataDir(options.kafkaDir())
                    .port(options.kafkaPort())
                    .controllerPort(options.kafkaControllerPort())
                    .classpath(options.brokerClasspath())
                    .build();
            try {
                broker.start();
            } catch (RuntimeException e) {
                throw new StackException("the Kafka broker did not start on port " + options.kafkaPort() + ": "
                        + e.getMessage(), e);
            }
        }
        state.put("kafka.port", options.kafkaPort()).put("kafka-controller.port", options.kafkaControllerPort());
        broker.pid().ifPresent(pid -> state.put("kafka.pid", pid));
        List<String> created = TopicProvisioner.createMissing(options.kafkaBootstrapServers());
        int required = TopicProvisioner.requiredTopics().size();
        out.accept(String.format("Kafka (KRaft)  localhost:%d  ready (%s)  data %s  log %s  topics %d%s",
                options.kafkaPort(), seconds(t0), relative(options.kafkaDir()), relative(broker.logFile()), required,
                created.isEmpty() ? " (all there already)" : " (created " + created.size() + ")"));
    }

    private void startApp(App app) {
        Path jar = options.jarOf(app).orElseThrow(() -> new StackException(app.module() + " is not built"));
        synchronized (this) {
            ensureNotStopped();
            AppProcess process = AppProcess.start(app, jar, options);
            apps.put(app, process);
            state.put(StackState.key(app) + ".port", options.port(app)).put(StackState.key(app) + ".pid", process.pid());
        }
        out.accept("starting " + app.module() + " on port " + options.port(app) + "  (log " + relative(options.logOf(app)) + ")");
    }

    /**
     * Waits until each app answers UP on {@code /actuator/health}, printing {@code [3/6] contract-service healthy (14.2 s)}
     * as each does. Fails fast when an app exits, or when the timeout passes, with the app's last log lines.
     */
    public void awaitHealthy(Collection<App> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<App> pending = new LinkedHashSet<>(which);
        while (!pending.isEmpty()) {
            for (App app : List.copyOf(pending)) {
                AppProcess process = process(app).orElseThrow(() -> new StackException(app.module() + " was not started"));
                if (!process.isAlive()) {
                    ensureNotStopped();
                    throw failure(app, app.module() + " exited with code " + process.exitValue() + " before it became healthy");
                }
                if (probe.check(options.baseUri(app)) == Health.UP) {
                    pending.remove(app);
                    int count;
                    synchronized (this) {
                        healthy.add(app);
                        count = healthy.size();
                    }
                    out.accept(String.format("[%d/%d] %s healthy (%.1f s)", count, options.apps().size(), app.module(),
                            process.uptime().toMillis() / 1000.0));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                App first = pending.iterator().next();
                throw failure(first, pending.stream().map(App::module).collect(Collectors.joining(", "))
                        + " did not become healthy within " + timeout.toSeconds() + " s ("
                        + StackOptions.HEALTH_TIMEOUT_VARIABLE + " sets the limit)");
            }
            pause();
        }
    }

    /** Health of one app right now. */
    public Health health(App app) {
        return probe.check(options.baseUri(app));
    }

    public StackOptions options() {
        return options;
    }

    public synchronized Optional<AppProcess> process(App app) {
        return Optional.ofNullable(apps.get(app));
    }

    /** The embedded PostgreSQL, e.g. for a test that connects to an app's database. */
    public synchronized LocalPostgres postgres() {
        return postgres;
    }

    /** The broker process, e.g. for a test that stops and restarts Kafka. */
    public synchronized KafkaBroker broker() {
        return broker;
    }

    /** Kills one app at once (SIGKILL), like a crash, e.g. for a chaos test; {@link #restartApp} starts it again. */
    public void killApp(App app) {
        AppProcess process = process(app).orElseThrow(() -> new StackException(app.module() + " was not started"));
        synchronized (this) {
            healthy.remove(app);
        }
        process.kill();
    }

    /** Starts an app again (after {@link #killApp}) on the same port and data, and waits until it is healthy. */
    public void restartApp(App app) {
        startApp(app);
        awaitHealthy(List.of(app), options.healthTimeout());
    }

    /** Stops PostgreSQL at once (immediate shutdown, no checkpoint), e.g. for a chaos test; see {@link #startPostgresAgain}. */
    public void stopPostgresImmediately() {
        LocalPostgres running;
        synchronized (this) {
            running = postgres;
        }
        if (running != null) {
            running.stopImmediately();
        }
    }

    /** Starts PostgreSQL again on the same data and port after {@link #stopPostgresImmediately}. */
    public void startPostgresAgain() {
        synchronized (this) {
            ensureNotStopped();
            postgres = LocalPostgres.start(options.postgresDir(), options.postgresPort(), options.logsDir().resolve("postgres.log"));
        }
        postgres().pid().ifPresent(pid -> state.put("postgres.pid", pid));
    }

    /** Stops the apps (gateway first, auth-server last; SIGTERM, then SIGKILL), then the broker, then PostgreSQL. */
    public void stop() {
        // a second caller (a signal, then a shutdown hook) waits here until the first has stopped everything
        synchronized (stopLock) {
            if (stopCompleted) {
                return;
            }
            synchronized (this) {
                stopped = true;
            }
            stopEverything();
            stopCompleted = true;
        }
    }

    private void stopEverything() {
        List<List<App>> phases = new ArrayList<>(App.startPhases());
        Collections.reverse(phases);
        for (List<App> phase : phases) {
            List<Thread> stoppers = new ArrayList<>();
            for (App app : phase) {
                AppProcess process = apps.get(app);
                if (process != null) {
                    Thread t = new Thread(() -> stopApp(process), "stop-" + app.module());
                    t.start();
                    stoppers.add(t);
                }
            }
            stoppers.forEach(LocalStackRunner::join);
        }
        if (broker != null) {
            long t0 = System.nanoTime();
            quietly("Kafka broker", broker::stop);
            out.accept("stopped Kafka broker (" + seconds(t0) + ")");
        }
        if (postgres != null) {
            long t0 = System.nanoTime();
            quietly("PostgreSQL", postgres::close);
            out.accept("stopped PostgreSQL (" + seconds(t0) + ")");
        }
        state.delete();
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    private void stopApp(AppProcess process) {
        long t0 = System.nanoTime();
        boolean forced = process.stop(options.stopTimeout());
        out.accept("stopped " + process.app().module() + " (" + seconds(t0) + (forced ? ", killed after "
                + options.stopTimeout().toSeconds() + " s" : "") + ")");
    }

    private void reportUnexpectedExit(AppProcess process) {
        ProcessHandle.of(process.pid()).ifPresent(handle -> handle.onExit().thenRun(() -> {
            if (!isStopped()) {
                out.accept("warning: " + process.app().module() + " exited unexpectedly; see " + relative(process.log()));
            }
        }));
    }

    private StackException failure(App app, String what) {
        Path log = options.logOf(app);
        List<String> tail = LogTail.lastLines(log, LOG_LINES_ON_FAILURE);
        return new StackException(what + ".\nLast " + tail.size() + " lines of " + relative(log) + ":\n"
                + tail.stream().map(line -> "  | " + line).collect(Collectors.joining("\n")));
    }

    private synchronized void ensureNotStopped() {
        if (stopped) {
            throw new StackException("the local stack was stopped while starting");
        }
    }

    private String relative(Path path) {
        Path abs = path.toAbsolutePath();
        return abs.startsWith(options.repoRoot()) ? options.repoRoot().relativize(abs).toString() : abs.toString();
    }

    private static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            out.accept("warning: stopping " + what + " failed: " + e.getMessage());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the apps to become healthy");
        }
    }
}
