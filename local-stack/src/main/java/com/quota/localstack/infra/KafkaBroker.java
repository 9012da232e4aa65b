package com.quota.localstack.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running as its own JVM process from the
 * {@code kafka_2.13} jars, so it can be stopped and started again with its data (topics and messages survive).
 *
 * <pre>{@code
 * KafkaBroker broker = KafkaBroker.builder().dataDir(dir).build();   // free ports unless given
 * broker.start();                        // formats the storage once, waits until the cluster answers
 * broker.bootstrapServers();             // "localhost:41234"
 * broker.stop();                         // SIGTERM (controlled shutdown), then SIGKILL after the grace period
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    /** File under the data directory that receives the broker's stdout/stderr (appended across restarts). */
    public static final String LOG_FILE = "broker.log";

    private static final String HOST = "localhost";
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final Path javaExecutable;
    private final List<String> jvmOptions;
    private final Map<String, String> brokerProperties;
    private final Duration startTimeout;
    private final Duration stopTimeout;

    private Process process;
    private Thread shutdownHook;

    private KafkaBroker(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.port = b.port > 0 ? b.port : freePort();
        this.controllerPort = b.controllerPort > 0 ? b.controllerPort : freePort(this.port);
        this.classpath = b.classpath;
        this.javaExecutable = b.javaExecutable;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.brokerProperties = Map.copyOf(b.brokerProperties);
        this.startTimeout = b.startTimeout;
        this.stopTimeout = b.stopTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code localhost:<port>}, the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker's own log (stdout and stderr of the process). */
    public Path logFile() {
        return dataDir.resolve(LOG_FILE);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Process id of the running broker. */
    public synchronized Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    /**
     * Starts the broker (formatting its storage first if this data directory was never formatted) and returns once
     * the port accepts connections and {@code describeCluster} lists the node. Does nothing when already running.
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(logDir());
            Path config = writeServerProperties();
            Path loggingConfig = writeLoggingConfig();
            Path classpathArgs = writeClasspathArgFile();
            if (!isFormatted()) {
                format(config, loggingConfig, classpathArgs);
            }
            // its own session, like the apps: Ctrl-C in the terminal reaches only the runner, which stops the broker
            // after the apps (the documented stop order), not before them
            List<String> command = new ArrayList<>(Processes.ownSessionPrefix());
            command.addAll(javaCommand(loggingConfig, classpathArgs, MAIN_CLASS, config.toString()));
            process = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            registerShutdownHook();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
        awaitReady();
    }

    /**
     * Stops the broker: SIGTERM lets it shut down cleanly (so its data is consistent for the next start); after
     * the stop timeout it and its descendants are killed. Returns when the process is gone.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> descendants = handle.descendants().toList();
        process.destroy();
        if (!waitFor(handle, stopTimeout)) {
            process.destroyForcibly();
            waitFor(handle, Duration.ofSeconds(10));
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
                waitFor(child, Duration.ofSeconds(10));
            }
        }
        process = null;
    }

    /** Kills the broker at once (SIGKILL), like a crash; the next {@link #start()} recovers from its logs. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> descendants = handle.descendants().toList();
        process.destroyForcibly();
        waitFor(handle, Duration.ofSeconds(10));
        descendants.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    private boolean isFormatted() {
        return Files.exists(logDir().resolve("meta.properties"));
    }

    private void format(Path config, Path loggingConfig, Path classpathArgs) throws IOException {
        String clusterId = runTool(javaCommand(loggingConfig, classpathArgs, STORAGE_TOOL, "random-uuid"))
                .stream()
                .map(String::trim)
                .filter(line -> CLUSTER_ID.matcher(line).matches())
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("StorageTool random-uuid printed no cluster id; see " + logFile()));
        // a static quorum (controller.quorum.voters in the config), so no --standalone
        runTool(javaCommand(loggingConfig, classpathArgs, STORAGE_TOOL, "format", "-t", clusterId, "-c", config.toString()));
        if (!isFormatted()) {
            throw new IllegalStateException("formatting the Kafka storage did not create " + logDir().resolve("meta.properties")
                    + "; see " + logFile());
        }
    }

    private List<String> runTool(List<String> command) throws IOException {
        Path output = Files.createTempFile(dataDir, "tool", ".out");
        try {
            Process tool = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!tool.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly();
                throw new IllegalStateException("Kafka tool did not finish in " + startTimeout + ": " + command.subList(command.size() - 3, command.size()));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            Files.write(logFile(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (tool.exitValue() != 0) {
                throw new IllegalStateException("Kafka tool failed with exit code " + tool.exitValue() + ":\n" + tail(lines));
            }
            return lines;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a Kafka tool", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private List<String> javaCommand(Path loggingConfig, Path classpathArgs, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        // the broker brings no logging configuration: keep it at INFO whichever SLF4J binding the classpath has
        command.add("-Dlogback.configurationFile=" + loggingConfig);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        command.add("-Dkafka.logs.dir=" + dataDir);
        // the classpath goes in an argument file: a test classpath can exceed the OS limit for one argument
        command.add("@" + classpathArgs);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private Path writeServerProperties() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir().toString());
        p.put("num.partitions", "6");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // keep every event: a rebuild replays topics from offset 0
        p.put("log.retention.ms", "-1");
        // topics are declared with their settings (partitions, compaction, -dlt twins); a typo must fail, not
        // silently create a topic with broker defaults
        p.put("auto.create.topics.enable", "false");
        // one member per group locally: no reason to wait 3 s before the first rebalance
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(brokerProperties);
        Properties properties = new Properties();
        properties.putAll(p);
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "written by KafkaBroker on every start");
        }
        return file;
    }

    private Path writeLoggingConfig() throws IOException {
        Path file = dataDir.resolve("broker-logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeClasspathArgFile() throws IOException {
        Path file = dataDir.resolve("broker-classpath.args");
        String quoted = classpath.replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(file, "-cp\n\"" + quoted + "\"\n", StandardCharsets.UTF_8);
        return file;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Exception lastProblem = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                throw new IllegalStateException("the Kafka broker exited with code " + code + " while starting:\n" + logTail());
            }
            if (accepts()) {
                try {
                    if (describeCluster()) {
                        return;
                    }
                } catch (Exception e) {
                    lastProblem = e;
                }
            }
            pause();
        }
        stop();
        throw new IllegalStateException("the Kafka broker on port " + port + " was not ready within " + startTimeout
                + (lastProblem != null ? " (last problem: " + lastProblem + ")" : "") + ":\n" + logTail(), lastProblem);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean describeCluster() throws Exception {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                    .nodes().get(4, TimeUnit.SECONDS).isEmpty();
        }
    }

    private void registerShutdownHook() {
        if (shutdownHook == null) {
            // a test JVM that dies without stop() must not leave a broker holding the port and the data directory
            shutdownHook = new Thread(() -> {
                Process running = process;
                if (running != null && running.isAlive()) {
                    running.destroyForcibly();
                }
            }, "kafka-broker-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private String logTail() {
        try {
            return tail(Files.readAllLines(logFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(no log at " + logFile() + ")";
        }
    }

    private static String tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()).stream()
                .map(line -> "  | " + line)
                .collect(Collectors.joining("\n"));
    }

    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static int freePort(int... avoid) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0)) {
                candidate = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port", e);
            }
            if (java.util.Arrays.stream(avoid).noneMatch(p -> p == candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find a free port");
    }

    /** Settings of a {@link KafkaBroker}; only the data directory is required. */
    public static final class Builder {

        private Path dataDir;
        private int port;
        private int controllerPort;
        private String classpath = System.getProperty("java.class.path");
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private List<String> jvmOptions = List.of("-Xms128m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Where the storage, the generated config and the broker log live; reuse it to keep topics and messages. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Client port; 0 (the default) picks a free one, kept for the life of this object (so restarts reuse it). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** KRaft controller port; 0 (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Classpath with the {@code kafka_2.13} jars and their dependencies; defaults to this JVM's classpath. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /** Reads the classpath from a file such as the output of {@code mvn dependency:build-classpath}. */
        public Builder classpathFile(Path file) {
            try {
                this.classpath = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the broker classpath from " + file, e);
            }
            return this;
        }

        /** The {@code java} binary; defaults to the one running this JVM. */
        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        /** JVM options of the broker process (replaces the default heap settings). */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** Sets or overrides one line of the generated {@code server.properties}. */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** How long a SIGTERM'd broker may take to shut down before it is killed. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public KafkaBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            if (classpath == null || classpath.isBlank()) {
                throw new IllegalStateException("a classpath with the kafka_2.13 jars is required");
            }
            return new KafkaBroker(this);
        }
    }
}
