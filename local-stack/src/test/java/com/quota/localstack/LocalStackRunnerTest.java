package com.quota.localstack;

import com.quota.localstack.apps.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackRunnerTest {

    @Test
    void aTakenPortIsReportedWithTheVariableThatMovesItBeforeAnythingStarts(@TempDir Path repo) throws IOException {
        FakeApps.install(repo, App.GATEWAY);
        try (ServerSocket taken = new ServerSocket(0)) {
            StackOptions options = StackOptions.builder(repo).freePorts().appPort(App.GATEWAY, taken.getLocalPort())
                    .apps(Set.of(App.GATEWAY)).build();

            assertThatThrownBy(() -> LocalStackRunner.start(options))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for gateway (GATEWAY_PORT) is already in use")
                    .hasMessageContaining("./quota stop");
            assertThat(Files.exists(options.postgresDir())).as("nothing was started").isFalse();
        }
    }

    @Test
    void aMissingJarIsReportedWithHowToBuildIt(@TempDir Path repo) {
        FakeApps.install(repo, App.AUTH_SERVER);
        StackOptions options = StackOptions.builder(repo).freePorts().apps(Set.of(App.AUTH_SERVER, App.TARGET_SERVICE)).build();

        assertThatThrownBy(() -> LocalStackRunner.preflight(options))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("target-service is not built")
                .hasMessageContaining("./quota --build")
                .hasMessageNotContaining("auth-server is not built");
    }

    @Test
    void theAppJarIsFoundBesideTheOriginalMavenLeaves(@TempDir Path repo) throws IOException {
        Path jar = FakeApps.install(repo, App.CONTRACT_SERVICE);
        Files.writeString(jar.resolveSibling("contract-service-0.1.0-SNAPSHOT.jar.original"), "x");
        Files.writeString(jar.resolveSibling("contract-service-0.1.0-SNAPSHOT-sources.jar"), "x");
        assertThat(StackOptions.builder(repo).build().jarOf(App.CONTRACT_SERVICE)).contains(jar);
        assertThat(StackOptions.builder(repo).build().jarOf(App.GATEWAY)).isEmpty();
    }
}
