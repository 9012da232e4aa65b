package com.quota.systemtests;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.StackOptions;
import com.quota.localstack.apps.App;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one stack every system test in this JVM shares: started on free ports in a temp folder the first time a
 * test asks, stopped when the JVM ends. A test may restart it in the same folder to show what survives.
 */
public final class RunningStack {

    private static StackOptions options;
    private static LocalStackRunner runner;

    private RunningStack() {
    }

    public static synchronized LocalStackRunner get() {
        if (runner == null || runner.isStopped()) {
            if (options == null) {
                options = StackOptions.builder(repositoryRoot())
                        .baseDir(tempDir())
                        .freePorts()
                        .healthTimeout(Duration.ofMinutes(6))
                        .progress(line -> System.out.println("[stack] " + line))
                        .build();
                Runtime.getRuntime().addShutdownHook(new Thread(RunningStack::stop, "system-test-stack-stop"));
            }
            runner = LocalStackRunner.start(options);
        }
        return runner;
    }

    /** Stops everything; the next {@link #get()} starts again on the same data and ports. */
    public static synchronized void stop() {
        if (runner != null) {
            runner.stop();
        }
    }

    public static URI uri(App app, String path) {
        return get().options().baseUri(app).resolve(path);
    }

    public static URI gateway(String path) {
        return uri(App.GATEWAY, path);
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        // failsafe runs in system-tests/; an IDE may run in the repository root
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("quota-system-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
