package com.quota.localstack.cli;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.StackException;
import com.quota.localstack.StackOptions;
import com.quota.localstack.StackState;
import com.quota.localstack.apps.App;
import com.quota.localstack.demo.DemoCompany;
import com.quota.localstack.demo.DemoCompanyReader;
import com.quota.localstack.demo.DemoDataGenerator;
import com.quota.localstack.demo.DemoLoader;
import com.quota.localstack.demo.DemoTokens;
import com.quota.localstack.token.TokenClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** {@code ./quota run}: start the stack, print where everything is, optionally load the demo data, run until stopped. */
final class RunCommand {

    /** Password of every demo user (auth-server's default; the token command reads the same variable). */
    static final String DEMO_PASSWORD_VARIABLE = "QUOTA_DEMO_PASSWORD";
    static final String DEFAULT_DEMO_PASSWORD = "quota-demo";

    private RunCommand() {
    }

    static int run(Command.Run command, StackOptions options, Map<String, String> env, PrintStream out) {
        Path baseDir = options.baseDir();
        RunnerPidFile.liveRunner(baseDir).ifPresent(p -> {
            throw new StackException("a local stack is already running from " + baseDir + " (runner pid " + p.pid()
                    + "): ./quota status shows it, ./quota stop stops it");
        });
        // leftovers of a runner that was killed would hold the ports and the data folder
        StopCommand.stopLeftovers(options, out);
        if (command.reset()) {
            reset(options, out);
        }
        LocalStackRunner.preflight(options);

        LocalStackRunner runner = LocalStackRunner.create(options);
        RunnerPidFile.write(baseDir, ProcessHandle.current());
        Runnable stop = () -> {
            if (!runner.isStopped()) {
                out.println();
                out.println("stopping the local stack ...");
            }
            runner.stop();
            RunnerPidFile.delete(baseDir);
        };
        AtomicInteger signals = new AtomicInteger();
        Signals.onTermination(signal -> {
            // a second Ctrl-C changes nothing: stopping the apps in order is what keeps their data consistent
            if (signals.incrementAndGet() == 1) {
                stop.run();
                // ./quota stop (TERM) is a normal end; Ctrl-C (INT) ends like an interrupted command
                System.exit("TERM".equals(signal) ? 0 : 130);
            }
        });
        // also for ends without a signal (System.exit after a failure, SIGHUP)
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-stack-stop"));

        out.println("Starting the Quota local stack (data in " + baseDir + ")");
        try {
            runner.startAll();
        } catch (StackException e) {
            if (signals.get() > 0) {
                runner.stop(); // stopped by a signal while starting: returns once everything is down
                return 130;
            }
            throw e;
        }
        printWhereEverythingIs(options, env, out);
        if (command.demoData()) {
            try {
                loadDemoData(options, env, out);
            } catch (RuntimeException e) {
                // the stack stays up: the demo data is a convenience on top of it
                out.println("demo data: stopped by an unexpected error: " + e);
            }
        }
        out.println();
        out.println("The stack is running. Ctrl-C here, or ./quota stop in another terminal, stops it.");
        try {
            new CountDownLatch(1).await(); // until the shutdown hook ends the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Deletes the data of PostgreSQL and Kafka, the logs and the state file; prints what it deleted. */
    static void reset(StackOptions options, PrintStream out) {
        List<Path> wiped = Stream.of(options.postgresDir(), options.kafkaDir(), options.logsDir(),
                        options.baseDir().resolve(StackState.FILE_NAME))
                .filter(Files::exists).toList();
        for (Path path : wiped) {
            deleteRecursively(path);
            out.println("reset: wiped " + path);
        }
        if (wiped.isEmpty()) {
            out.println("reset: nothing to wipe in " + options.baseDir());
        }
    }

    private static void printWhereEverythingIs(StackOptions options, Map<String, String> env, PrintStream out) {
        List<App> apps = options.apps();
        out.println();
        out.println("Quota is up.");
        if (apps.contains(App.GATEWAY)) {
            String gateway = options.baseUri(App.GATEWAY).toString();
            out.println("  gateway      " + gateway);
            out.println("  Swagger UI   " + gateway + "/swagger-ui.html");
        }
        out.println("  auth-server  " + options.issuerUri() + "  (token endpoint " + options.issuerUri() + "/oauth2/token)");
        out.println("  metrics      (Prometheus)");
        for (App app : apps) {
            out.printf("    %-20s %s/actuator/prometheus%n", app.module(), options.baseUri(app));
        }
        out.println("  PostgreSQL   localhost:" + options.postgresPort() + "  user postgres, password postgres, databases "
                + String.join(", ", apps.stream().flatMap(a -> a.database().stream()).toList()));
        out.println("  Kafka        " + options.kafkaBootstrapServers());
        out.println("  logs         " + options.logsDir() + "/<app>.log");
        out.println();
        DemoCompany company = DemoCompanyReader.read();
        DemoCompany.Integration integration = company.integrations().get(0);
        out.println("Get a token (demo users are in local-stack/src/main/resources/demo/demo-company.json, password "
                + env.getOrDefault(DEMO_PASSWORD_VARIABLE, DEFAULT_DEMO_PASSWORD) + "):");
        out.println("  TOKEN=$(./quota token rep.li)");
        if (apps.contains(App.GATEWAY)) {
            out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + options.baseUri(App.GATEWAY) + "/api/org/me");
        }
        out.println("  curl -s -u " + integration.clientId() + ":" + integration.clientId() + "-secret -d grant_type=client_credentials"
                + " -d scope=" + integration.scopes().get(0) + " " + options.issuerUri() + "/oauth2/token");
    }

    private static void loadDemoData(StackOptions options, Map<String, String> env, PrintStream out) {
        out.println();
        if (!options.apps().contains(App.GATEWAY) || !options.apps().contains(App.AUTH_SERVER)) {
            out.println("demo data: skipped — it goes through the gateway with auth-server's tokens, and one of them is not running");
            return;
        }
        DemoCompany company = DemoCompanyReader.read();
        String authServer = options.issuerUri().toString();
        String password = env.getOrDefault(DEMO_PASSWORD_VARIABLE, DEFAULT_DEMO_PASSWORD);
        TokenClient tokenClient = new TokenClient();
        DemoTokens tokens = new DemoTokens(
                () -> tokenClient.userToken(authServer, company.admin().username(), password),
                clientId -> tokenClient.clientCredentials(authServer, clientId, clientId + "-secret",
                        company.integration(clientId).orElseThrow().scopes().toArray(String[]::new)),
                username -> tokenClient.userToken(authServer, username, password));
        try {
            tokens.admin();
        } catch (RuntimeException e) {
            out.println("demo data: not loaded — no token for " + company.admin().username() + ": " + e.getMessage());
            return;
        }
        new DemoLoader(options.baseUri(App.GATEWAY), company, new DemoDataGenerator(company).generate(), tokens, out::println)
                .load();
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
