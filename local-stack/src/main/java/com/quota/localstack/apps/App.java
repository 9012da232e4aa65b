package com.quota.localstack.apps;

import java.util.List;
import java.util.Optional;

/** The six applications the local stack runs, with their default ports, databases and start phase. */
public enum App {

    AUTH_SERVER("auth-server", 9000, "auth", Kind.AUTH_SERVER),
    TARGET_SERVICE("target-service", 8081, "target", Kind.SERVICE),
    PIPELINE_SERVICE("pipeline-service", 8082, "pipeline", Kind.SERVICE),
    CONTRACT_SERVICE("contract-service", 8083, "contract", Kind.SERVICE),
    PERFORMANCE_SERVICE("performance-service", 8084, "performance", Kind.SERVICE),
    GATEWAY("gateway", 8080, null, Kind.GATEWAY);

    /** What an app is, which decides its start phase and the environment it gets. */
    public enum Kind {
        /** Issues the tokens everyone else validates: starts first. */
        AUTH_SERVER,
        /** A business service with its own database and Kafka topics. */
        SERVICE,
        /** The front door: starts last, once every route target is up. */
        GATEWAY
    }

    private final String module;
    private final int defaultPort;
    private final String database;
    private final Kind kind;

    App(String module, int defaultPort, String database, Kind kind) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
        this.kind = kind;
    }

    /** Maven module name, also the app's name in logs and output. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The app's own database, if it has one. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public Kind kind() {
        return kind;
    }

    /** Environment variable holding the app's port (read by the app and by the runner): {@code TARGET_SERVICE_PORT}. */
    public String portVariable() {
        return envPrefix() + "_PORT";
    }

    /** Environment variable holding the app's base URI for the gateway's routes: {@code TARGET_SERVICE_URI}. */
    public String uriVariable() {
        return envPrefix() + "_URI";
    }

    /** Environment variable holding the app's database name: {@code TARGET_DB_NAME}. */
    public Optional<String> databaseNameVariable() {
        return database().map(db -> db.toUpperCase() + "_DB_NAME");
    }

    /** Start phases: auth-server, then the four services together, then the gateway. */
    public static List<List<App>> startPhases() {
        return List.of(List.of(AUTH_SERVER),
                List.of(TARGET_SERVICE, PIPELINE_SERVICE, CONTRACT_SERVICE, PERFORMANCE_SERVICE),
                List.of(GATEWAY));
    }

    /** The app with this module name (as typed on a command line). */
    public static Optional<App> byModule(String module) {
        for (App app : values()) {
            if (app.module.equals(module)) {
                return Optional.of(app);
            }
        }
        return Optional.empty();
    }

    private String envPrefix() {
        return module.toUpperCase().replace('-', '_');
    }
}
