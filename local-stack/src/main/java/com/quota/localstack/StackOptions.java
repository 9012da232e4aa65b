package com.quota.localstack;

import com.quota.localstack.apps.App;
import com.quota.localstack.infra.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything the runner needs to know: where the repository and the data folder are, every port, which apps to
 * start, time limits and JVM options. {@link #fromEnvironment} reads the overrides a person can set; a system test
 * uses {@link #builder} with a temp folder and {@link Builder#freePorts()}.
 */
public final class StackOptions {

    /** Runner variables (besides each app's {@link App#portVariable()}). */
    public static final String DB_PORT_VARIABLE = "QUOTA_DB_PORT";
    public static final String KAFKA_PORT_VARIABLE = "QUOTA_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT_VARIABLE = "QUOTA_KAFKA_CONTROLLER_PORT";
    public static final String DATA_DIR_VARIABLE = "QUOTA_LOCAL_STACK_DIR";
    public static final String HEALTH_TIMEOUT_VARIABLE = "QUOTA_HEALTH_TIMEOUT_SECONDS";
    public static final String JAVA_OPTS_VARIABLE = "QUOTA_APP_JAVA_OPTS";
    /** Comma-separated module names to start instead of all six, e.g. {@code auth-server,target-service}. */
    public static final String APPS_VARIABLE = "QUOTA_APPS";

    public static final int DEFAULT_DB_PORT = 5433;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    /** Four Spring Boot apps starting at once on two busy cores can take minutes. */
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(5);
    public static final List<String> DEFAULT_APP_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");

    private final Path repoRoot;
    private final Path baseDir;
    private final int postgresPort;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final Map<App, Integer> appPorts;
    private final Set<App> apps;
    private final String brokerClasspath;
    private final Duration healthTimeout;
    private final Duration stopTimeout;
    private final List<String> appJvmOptions;
    private final Map<App, Map<String, String>> extraAppEnv;
    private final Consumer<String> progress;

    private StackOptions(Builder b) {
        this.repoRoot = b.repoRoot.toAbsolutePath().normalize();
        this.baseDir = (b.baseDir != null ? b.baseDir : repoRoot.resolve(".local-stack")).toAbsolutePath().normalize();
        this.postgresPort = b.postgresPort;
        this.kafkaPort = b.kafkaPort;
        this.kafkaControllerPort = b.kafkaControllerPort;
        this.appPorts = Map.copyOf(b.appPorts);
        this.apps = Set.copyOf(b.apps);
        this.brokerClasspath = b.brokerClasspath != null ? b.brokerClasspath : System.getProperty("java.class.path");
        this.healthTimeout = b.healthTimeout;
        this.stopTimeout = b.stopTimeout;
        this.appJvmOptions = List.copyOf(b.appJvmOptions);
        Map<App, Map<String, String>> env = new EnumMap<>(App.class);
        b.extraAppEnv.forEach((app, vars) -> env.put(app, Map.copyOf(vars)));
        this.extraAppEnv = env;
        this.progress = b.progress;
    }

    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /** Defaults, overridden by the variables a person may set ({@code QUOTA_DB_PORT}, {@code GATEWAY_PORT}, ...). */
    public static StackOptions fromEnvironment(Map<String, String> env, Path repoRoot) {
        Builder b = builder(repoRoot)
                .postgresPort(port(env, DB_PORT_VARIABLE, DEFAULT_DB_PORT))
                .kafkaPort(port(env, KAFKA_PORT_VARIABLE, DEFAULT_KAFKA_PORT))
                .kafkaControllerPort(port(env, KAFKA_CONTROLLER_PORT_VARIABLE, DEFAULT_KAFKA_CONTROLLER_PORT));
        for (App app : App.values()) {
            b.appPort(app, port(env, app.portVariable(), app.defaultPort()));
        }
        Optional.ofNullable(env.get(DATA_DIR_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(b::baseDir);
        Optional.ofNullable(env.get(HEALTH_TIMEOUT_VARIABLE)).filter(s -> !s.isBlank())
                .map(s -> Duration.ofSeconds(positive(HEALTH_TIMEOUT_VARIABLE, s))).ifPresent(b::healthTimeout);
        Optional.ofNullable(env.get(JAVA_OPTS_VARIABLE)).filter(s -> !s.isBlank())
                .map(s -> Arrays.asList(s.trim().split("\\s+"))).ifPresent(b::appJvmOptions);
        Optional.ofNullable(env.get(APPS_VARIABLE)).filter(s -> !s.isBlank()).map(StackOptions::apps).ifPresent(b::apps);
        return b.build();
    }

    private static Set<App> apps(String modules) {
        Set<App> apps = EnumSet.noneOf(App.class);
        for (String module : modules.split("[,\\s]+")) {
            if (!module.isBlank()) {
                apps.add(App.byModule(module.trim()).orElseThrow(() -> new StackException(APPS_VARIABLE + " names an unknown app '"
                        + module + "'; the apps are " + Stream.of(App.values()).map(App::module).toList())));
            }
        }
        return apps;
    }

    public Builder toBuilder() {
        Builder b = new Builder(repoRoot).baseDir(baseDir).postgresPort(postgresPort).kafkaPort(kafkaPort)
                .kafkaControllerPort(kafkaControllerPort).apps(apps).brokerClasspath(brokerClasspath)
                .healthTimeout(healthTimeout).stopTimeout(stopTimeout).appJvmOptions(appJvmOptions).progress(progress);
        appPorts.forEach(b::appPort);
        extraAppEnv.forEach((app, vars) -> vars.forEach((k, v) -> b.appEnv(app, k, v)));
        return b;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** The data folder ({@code .local-stack} by default): postgres/, kafka/, logs/, run.pid, stack.properties. */
    public Path baseDir() {
        return baseDir;
    }

    public Path postgresDir() {
        return baseDir.resolve("postgres");
    }

    public Path kafkaDir() {
        return baseDir.resolve("kafka");
    }

    public Path logsDir() {
        return baseDir.resolve("logs");
    }

    public Path logOf(App app) {
        return logsDir().resolve(app.module() + ".log");
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int kafkaControllerPort() {
        return kafkaControllerPort;
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public int port(App app) {
        return appPorts.get(app);
    }

    public URI baseUri(App app) {
        return URI.create("http://localhost:" + port(app));
    }

    /** The issuer every token carries and every resource server expects: the auth-server's base URI. */
    public URI issuerUri() {
        return baseUri(App.AUTH_SERVER);
    }

    public URI jwkSetUri() {
        return URI.create(issuerUri() + "/oauth2/jwks");
    }

    /** JDBC URL of one of the stack's databases. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    /** The apps to start, in start order. */
    public List<App> apps() {
        return Stream.of(App.values()).filter(apps::contains).toList();
    }

    /** Classpath of the Kafka broker process (kafka_2.13 and its dependencies plus an SLF4J binding). */
    public String brokerClasspath() {
        return brokerClasspath;
    }

    public Duration healthTimeout() {
        return healthTimeout;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    public List<String> appJvmOptions() {
        return appJvmOptions;
    }

    /** Variables a caller adds to (or overrides in) one app's environment, e.g. a system test's feature switch. */
    public Map<String, String> extraAppEnv(App app) {
        return extraAppEnv.getOrDefault(app, Map.of());
    }

    public Consumer<String> progress() {
        return progress;
    }

    /** Every port the stack will listen on, by what it is for (in start order). */
    public Map<String, Integer> portsByOwner() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL (" + DB_PORT_VARIABLE + ")", postgresPort);
        ports.put("Kafka broker (" + KAFKA_PORT_VARIABLE + ")", kafkaPort);
        ports.put("Kafka controller (" + KAFKA_CONTROLLER_PORT_VARIABLE + ")", kafkaControllerPort);
        for (App app : apps()) {
            ports.put(app.module() + " (" + app.portVariable() + ")", port(app));
        }
        return ports;
    }

    /** The executable jar Maven builds for the app ({@code <module>/target/<module>-<version>.jar}), if present. */
    public Optional<Path> jarOf(App app) {
        Path target = repoRoot.resolve(app.module()).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(app.module() + "-") && name.endsWith(".jar")
                                && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar");
                    })
                    .max(Comparator.comparing(StackOptions::lastModified));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StackException(variable + " must be a port number (1-65535), not '" + value + "'");
    }

    private static long positive(String variable, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new StackException(variable + " must be a positive number of seconds, not '" + value + "'");
    }

    /** Builds {@link StackOptions}; every value has the local default until set. */
    public static final class Builder {
        private final Path repoRoot;
        private Path baseDir;
        private int postgresPort = DEFAULT_DB_PORT;
        private int kafkaPort = DEFAULT_KAFKA_PORT;
        private int kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;
        private final Map<App, Integer> appPorts = new EnumMap<>(App.class);
        private Set<App> apps = EnumSet.allOf(App.class);
        private String brokerClasspath;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private Duration stopTimeout = Duration.ofSeconds(30);
        private List<String> appJvmOptions = DEFAULT_APP_JVM_OPTIONS;
        private final Map<App, Map<String, String>> extraAppEnv = new EnumMap<>(App.class);
        private Consumer<String> progress = System.out::println;

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot;
            for (App app : App.values()) {
                appPorts.put(app, app.defaultPort());
            }
        }

        public Builder baseDir(Path baseDir) {
            this.baseDir = baseDir;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder appPort(App app, int port) {
            appPorts.put(app, port);
            return this;
        }

        /** Every port (PostgreSQL, Kafka, controller, all apps) set to a currently free one: for tests beside a running stack. */
        public Builder freePorts() {
            List<Integer> free = Ports.freePorts(3 + App.values().length);
            postgresPort = free.get(0);
            kafkaPort = free.get(1);
            kafkaControllerPort = free.get(2);
            for (App app : App.values()) {
                appPorts.put(app, free.get(3 + app.ordinal()));
            }
            return this;
        }

        /** Which apps to start (default all six); infrastructure always starts. */
        public Builder apps(Set<App> apps) {
            this.apps = EnumSet.noneOf(App.class);
            this.apps.addAll(apps);
            return this;
        }

        public Builder brokerClasspath(String classpath) {
            this.brokerClasspath = classpath;
            return this;
        }

        public Builder healthTimeout(Duration timeout) {
            this.healthTimeout = timeout;
            return this;
        }

        /** How long an app gets after SIGTERM before it is killed. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        public Builder appJvmOptions(List<String> options) {
            this.appJvmOptions = List.copyOf(options);
            return this;
        }

        public Builder appEnv(App app, String name, String value) {
            extraAppEnv.computeIfAbsent(app, a -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** Where progress lines go (default: standard output). */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public StackOptions build() {
            return new StackOptions(this);
        }
    }
}
