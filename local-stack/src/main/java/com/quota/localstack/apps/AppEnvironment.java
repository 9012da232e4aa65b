package com.quota.localstack.apps;

import com.quota.localstack.StackOptions;
import com.quota.localstack.apps.App.Kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The one table of environment variables the runner passes to each app. Rows with app-specific names
 * ({@code TARGET_SERVICE_PORT}, {@code TARGET_DB_NAME}, {@code TARGET_SERVICE_URI}) come from {@link App}.
 * These are exactly the names the apps' application.yml files read, the same ones compose and Kubernetes set: no
 * Spring Boot override names ({@code SPRING_*}, {@code SERVER_PORT}), so every local run and system test exercises
 * that contract.
 */
public final class AppEnvironment {

    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";

    private static final Predicate<App> ALL = app -> true;
    private static final Predicate<App> WITH_DATABASE = app -> app.database().isPresent();
    private static final Predicate<App> SERVICES = app -> app.kind() == Kind.SERVICE;
    private static final Predicate<App> AUTH_SERVER = app -> app.kind() == Kind.AUTH_SERVER;

    /** One row: a variable, which apps get it, and its value. */
    record Row(String variable, Predicate<App> appliesTo, BiFunction<StackOptions, App, String> value) {
    }

    static final List<Row> TABLE = List.of(
            // database (each app its own)
            new Row("QUOTA_DB_HOST", WITH_DATABASE, (o, app) -> "localhost"),
            new Row("QUOTA_DB_PORT", WITH_DATABASE, (o, app) -> String.valueOf(o.postgresPort())),
            new Row("QUOTA_DB_USER", WITH_DATABASE, (o, app) -> DB_USER),
            new Row("QUOTA_DB_PASSWORD", WITH_DATABASE, (o, app) -> DB_PASSWORD),
            // auth-server reads one JDBC URL instead of host, port and name
            new Row("QUOTA_DB_URL", AUTH_SERVER, (o, app) -> o.jdbcUrl(database(app))),
            // Kafka
            new Row("KAFKA_BOOTSTRAP_SERVERS", SERVICES, (o, app) -> o.kafkaBootstrapServers()),
            // tokens: one issuer, whose keys everyone fetches
            new Row("QUOTA_ISSUER_URI", ALL, (o, app) -> o.issuerUri().toString()),
            new Row("QUOTA_JWK_SET_URI", ALL, (o, app) -> o.jwkSetUri().toString()),
            new Row("QUOTA_AUTH_ISSUER", AUTH_SERVER, (o, app) -> o.issuerUri().toString()));

    private AppEnvironment() {
    }

    /** The variables for one app: the table's rows, the app-specific names, then the caller's extra variables. */
    public static Map<String, String> of(App app, StackOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(app.portVariable(), String.valueOf(options.port(app)));
        app.databaseNameVariable().ifPresent(name -> env.put(name, database(app)));
        for (Row row : TABLE) {
            if (row.appliesTo().test(app)) {
                env.put(row.variable(), row.value().apply(options, app));
            }
        }
        if (app.kind() == Kind.GATEWAY) {
            // where the gateway routes to: every other app's base URI
            for (App target : App.values()) {
                if (target != app) {
                    env.put(target.uriVariable(), options.baseUri(target).toString());
                }
            }
        }
        env.putAll(options.extraAppEnv(app));
        return env;
    }

    private static String database(App app) {
        return app.database().orElseThrow();
    }
}
