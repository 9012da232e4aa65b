package com.quota.localstack.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalPostgresIT {

    @Test
    void aRestartKeepsTheDataAndAStopLeavesNoPostgresProcess(@TempDir Path dir) throws SQLException {
        Path data = dir.resolve("postgres");
        Path log = dir.resolve("logs/postgres.log");
        int port = Ports.freePorts(1).get(0);

        long firstPid;
        try (LocalPostgres postgres = LocalPostgres.start(data, port, log)) {
            assertThat(postgres.createDatabasesIfAbsent(List.of("auth", "target"))).containsExactly("auth", "target");
            try (Connection c = postgres.connect("target"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE rep (id int PRIMARY KEY, name text)");
                s.execute("INSERT INTO rep VALUES (1, 'Li Wei')");
                // an acknowledged commit survives a crash: zonky's default (off) is not kept
                try (var settings = s.executeQuery("SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
                    settings.next();
                    assertThat(settings.getString(1)).isEqualTo("on");
                    assertThat(settings.getString(2)).isEqualTo("on");
                }
            }
            firstPid = postgres.pid().orElseThrow();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).contains(true);
        }
        // pg_ctl's postmaster is re-parented to init when pg_ctl exits; init reaps it shortly after it ends
        await().atMost(Duration.ofSeconds(15)).until(() -> noProcessUses(data)
                && ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive).isEmpty());
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(Ports.isOpen(port)).isFalse();

        try (LocalPostgres postgres = LocalPostgres.start(data, port, log)) {
            assertThat(postgres.createDatabasesIfAbsent(List.of("auth", "target", "pipeline"))).containsExactly("pipeline");
            try (Connection c = postgres.connect("target"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM rep WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Li Wei");
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> noProcessUses(data));
        assertThat(log).isNotEmptyFile();
    }

    /** No postgres (postmaster or backend) of this data directory is alive. */
    private static boolean noProcessUses(Path data) {
        String marker = data.toString();
        return ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false));
    }
}
