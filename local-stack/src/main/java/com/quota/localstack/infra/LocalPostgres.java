package com.quota.localstack.infra;

import com.quota.localstack.StackException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * An embedded PostgreSQL 17 (zonky binaries from Maven) with a fixed data directory that survives restarts:
 * initdb runs only when the directory holds no cluster yet. Superuser {@code postgres}, password ignored (trust).
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** Starts PostgreSQL on {@code port} with its cluster in {@code dataDir}; server output is appended to {@code log}. */
    public static LocalPostgres start(Path dataDir, int port, Path log) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.getParent());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // the owner stops it in order (apps, broker, then PostgreSQL); no hook of its own
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // zonky turns synchronous_commit off by default: a crash would then lose commits the apps were
                    // told had happened (an inbox row, a credit). The local stack keeps what it acknowledged.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new LocalPostgres(server, dataDir);
        } catch (IOException | RuntimeException e) {
            throw new StackException("PostgreSQL did not start on port " + port + " (data " + dataDir + "): "
                    + e.getMessage() + "; see " + log, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A connection to one database as the superuser. */
    public Connection connect(String database) throws SQLException {
        return server.getDatabase(USER, database).getConnection();
    }

    /** Creates each database that does not exist yet; returns the names it created. */
    public List<String> createDatabasesIfAbsent(Collection<String> names) {
        List<String> created = new ArrayList<>();
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = c.createStatement()) {
            for (String name : names) {
                if (!DATABASE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                create.execute("CREATE DATABASE " + name);
                created.add(name);
            }
            return created;
        } catch (SQLException e) {
            throw new StackException("cannot create databases " + names + ": " + e.getMessage(), e);
        }
    }

    /** The postmaster's pid while it runs (from {@code postmaster.pid}). */
    public OptionalLong pid() {
        return postmasterPid(dataDir);
    }

    /** The pid recorded in a data directory's {@code postmaster.pid}, if the file is there. */
    public static OptionalLong postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Stops the server at once, as {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster: no checkpoint,
     * sessions cut, crash recovery on the next start), and releases this object's hold on the data directory, so
     * that {@link #start} can run PostgreSQL again on the same data. Returns when the postmaster is gone.
     */
    public void stopImmediately() {
        OptionalLong pid = pid();
        if (pid.isPresent()) {
            try {
                Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid.getAsLong())).inheritIO().start();
                kill.waitFor();
                ProcessHandle.of(pid.getAsLong()).ifPresent(h -> Processes.awaitExit(h, Duration.ofSeconds(30)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot signal PostgreSQL", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            server.close(); // pg_ctl stop finds no server (logged by zonky); the lock on the data directory is released
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release PostgreSQL's data directory", e);
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); the data stays. */
    @Override
    public void close() {
        if (pid().isEmpty()) {
            return; // already gone (stopped from outside): pg_ctl stop would only fail loudly
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }
}
