package com.quota.messaging.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 process (zonky's embedded binaries, as local-stack's LocalPostgres runs them) on a fixed port
 * and data directory, so a test can stop it the hard way and start it again where it was.
 */
final class PostgresProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final int port;
    private EmbeddedPostgres server;

    PostgresProcess(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.log = this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log");
        this.port = freePort();
    }

    /** Starts the server on its data directory (initdb only the first time) and port. */
    void start() throws IOException {
        Files.createDirectories(dataDir);
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // durable commits, as in production (zonky's default is synchronous_commit=off, which loses the last
                // acknowledged commits on a crash and would make the consumer look guilty)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    int port() {
        return port;
    }

    void createDatabase(String name) throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /**
     * {@code pg_ctl stop -m immediate}: SIGQUIT to the postmaster, which ends every backend at once without a
     * checkpoint (the next start runs crash recovery). Returns when the postmaster is gone.
     */
    void stopImmediately() throws Exception {
        long pid = postmasterPid().orElseThrow(() -> new IllegalStateException("PostgreSQL in " + dataDir + " is not running"));
        Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -QUIT " + pid + " failed");
        }
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        release();
    }

    @Override
    public void close() {
        release();
    }

    /** Closes the embedded server object: stops a running server, frees its lock on the data directory. */
    private void release() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException alreadyStopped) {
                // after an immediate stop pg_ctl finds nothing to stop; the lock is released all the same
            }
            server = null;
        }
    }

    private OptionalLong postmasterPid() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
