package com.quota.testsupport.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL 17 per test JVM (it takes seconds to start), and a fresh database for every
 * Spring context or test that asks, so tests never see each other's rows.
 */
public final class TestPostgres {

    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** Creates a new empty database whose name starts with the prefix. */
    public static TestDatabase newDatabase(String prefix) {
        EmbeddedPostgres pg = server();
        String name = (prefix.replaceAll("[^a-zA-Z0-9_]", "_") + "_" + SEQUENCE.incrementAndGet()).toLowerCase();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(name, "localhost", pg.getPort(), USER, PASSWORD);
    }

    /** Creates a new database and points R2DBC, Flyway and (for JDBC apps) the DataSource at it. */
    public static TestDatabase registerNewDatabase(DynamicPropertyRegistry registry, String prefix) {
        TestDatabase db = newDatabase(prefix);
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::user);
        registry.add("spring.r2dbc.password", db::password);
        registry.add("spring.flyway.url", db::jdbcUrl);
        registry.add("spring.flyway.user", db::user);
        registry.add("spring.flyway.password", db::password);
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("quota.test.database-name", db::name);
        return db;
    }

    private static EmbeddedPostgres server() {
        EmbeddedPostgres pg = server;
        if (pg == null) {
            synchronized (TestPostgres.class) {
                pg = server;
                if (pg == null) {
                    pg = start();
                    server = pg;
                    EmbeddedPostgres started = pg;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "test-postgres-stop"));
                }
            }
        }
        return pg;
    }

    private static EmbeddedPostgres start() {
        try {
            // port 0: a free port, so tests never collide with the local stack on 5433
            return EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException ignored) {
            // the JVM is going away; the server process dies with it
        }
    }
}
