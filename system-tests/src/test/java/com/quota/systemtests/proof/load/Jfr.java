package com.quota.systemtests.proof.load;

import com.quota.localstack.apps.App;
import com.quota.systemtests.proof.chaos.ProofStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
            apps.forEach(app -> jcmd(stack, app, "JFR.start", "name=" + NAME, "settings=profile"));
        }
    }

    static void dump(ProofStack stack, List<App> apps, String folder) throws IOException {
        if (!folder.isBlank()) {
            Files.createDirectories(Path.of(folder));
            for (App app : apps) {
                Path file = Path.of(folder).toAbsolutePath().resolve(app.module() + ".jfr");
                jcmd(stack, app, "JFR.stop", "name=" + NAME, "filename=" + file);
                System.out.println("[load] JFR recording of " + app.module() + ": " + file);
            }
        }
    }

    private static void jcmd(ProofStack stack, App app, String... command) {
        Optional<ProcessHandle> process = stack.runner().process(app).flatMap(p -> ProcessHandle.of(p.pid()));
        Optional<String> java = process.flatMap(p -> p.info().command());
        if (java.isEmpty()) {
            System.out.println("[load] no JFR for " + app.module() + ": its process or its java command is not known");
            return;
        }
        List<String> line = new ArrayList<>(List.of(Path.of(java.get()).resolveSibling("jcmd").toString(), String.valueOf(process.get().pid())));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                System.out.println("[load] " + String.join(" ", line) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            System.out.println("[load] " + String.join(" ", line) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
