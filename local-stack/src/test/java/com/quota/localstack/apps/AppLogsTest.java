package com.quota.localstack.apps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AppLogsTest {

    @Test
    void aStartKeepsThePreviousRunsLogBesideTheNewOne(@TempDir Path logs) throws Exception {
        Path log = logs.resolve("target-service.log");
        Files.writeString(log, "the crash of the last run");

        AppProcess.keepPreviousRun(log);

        assertThat(log).doesNotExist();
        assertThat(logs.resolve("target-service.previous.log")).hasContent("the crash of the last run");
    }

    @Test
    void theFirstStartHasNoPreviousLogToKeep(@TempDir Path logs) throws Exception {
        AppProcess.keepPreviousRun(logs.resolve("gateway.log"));

        assertThat(logs.resolve("gateway.previous.log")).doesNotExist();
    }
}
