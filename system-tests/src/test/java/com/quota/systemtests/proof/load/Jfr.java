package com.quota.systemtests.proof.load;

import com.quota.localstack.apps.App;
import com.quota.systemtests.proof.chaos.ProofStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Flight Recorder recording of each running app over one phase of a load run, through the {@code jcmd} of the JDK
 * the app runs on (so the recording covers the phase, not the start-up): {@code proof.load.jfr=<folder>} writes
 * {@code <folder>/<app>.jfr}. Read it with {@code jfr print --events jdk.ExecutionSample} or, on a JDK 21+,
 * {@code jfr view hot-methods}.
 */
final class Jfr {

    private static final String NAME = "proof-load";

    private Jfr() {
    }

    static void start(ProofStack stack, List<App> apps, String folder) {
        if (!folder.isBlank()) {
            apps.forEach(app -> stack.jcmd(app, "JFR.start", "name=" + NAME, "settings=profile"));
        }
    }

    static void dump(ProofStack stack, List<App> apps, String folder) throws IOException {
        if (!folder.isBlank()) {
            Files.createDirectories(Path.of(folder));
            for (App app : apps) {
                Path file = Path.of(folder).toAbsolutePath().resolve(app.module() + ".jfr");
                stack.jcmd(app, "JFR.stop", "name=" + NAME, "filename=" + file);
                System.out.println("[load] JFR recording of " + app.module() + ": " + file);
            }
        }
    }
}
