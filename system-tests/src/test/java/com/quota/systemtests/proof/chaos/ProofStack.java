package com.quota.systemtests.proof.chaos;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.StackOptions;
import com.quota.localstack.apps.App;
import com.quota.localstack.token.TokenClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A proof's own stack (its own temp folder and free ports, never the shared one: the chaos proof kills and restarts
 * it), and the plain HTTP calls a client of the product makes through its gateway, with real tokens.
 */
public final class ProofStack implements AutoCloseable {

    static final String DEMO_PASSWORD = "quota-demo";
    private static final Duration TOKEN_AGE = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStackRunner runner;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TokenClient tokens = new TokenClient(Duration.ofSeconds(30));
    private final Map<String, Token> tokenCache = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> refreshing = new ConcurrentHashMap<>();

    private record Token(String value, Instant fetched) {
    }

    /** An answer: status, Content-Type, ETag, body, and how long it took (status 0: no answer, the error instead). */
    public record Answer(int status, String contentType, String etag, String body, Duration took, String error) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private ProofStack(LocalStackRunner runner) {
        this.runner = runner;
    }

    /** Starts the whole stack in a new temp folder on free ports, the apps with these JVM options. */
    public static ProofStack start(String name, List<String> appJvmOptions) {
        StackOptions options = StackOptions.builder(repositoryRoot())
                .baseDir(tempDir(name))
                .appJvmOptions(appJvmOptions.isEmpty() ? StackOptions.DEFAULT_APP_JVM_OPTIONS : appJvmOptions)
                .freePorts()
                .healthTimeout(Duration.ofMinutes(6))
                .progress(line -> System.out.println("[" + name + "-stack] " + line))
                .build();
        return new ProofStack(LocalStackRunner.start(options));
    }

    /**
     * Runs {@code jcmd <pid> command...} against a running app with the jcmd beside its own java; the output, or empty
     * (and a line printed) when the process or its java is unknown or jcmd fails.
     */
    public Optional<String> jcmd(App app, String... command) {
        Optional<ProcessHandle> process = runner.process(app).flatMap(p -> ProcessHandle.of(p.pid()));
        Optional<String> javaCommand = process.flatMap(p -> p.info().command());
        if (javaCommand.isEmpty()) {
            System.out.println("[stack] no jcmd for " + app.module() + ": its process or its java command is not known");
            return Optional.empty();
        }
        List<String> line = new ArrayList<>(List.of(Path.of(javaCommand.get()).resolveSibling("jcmd").toString(),
                String.valueOf(process.get().pid())));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                System.out.println("[stack] " + String.join(" ", line) + " failed: " + output.strip());
                return Optional.empty();
            }
            return Optional.of(output);
        } catch (IOException e) {
            System.out.println("[stack] " + String.join(" ", line) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    public LocalStackRunner runner() {
        return runner;
    }

    public URI gateway() {
        return runner.options().baseUri(App.GATEWAY);
    }

    /** An ADMIN user's token (authorization code + PKCE), fetched again every two minutes; the last one while auth-server cannot answer. */
    public String admin() {
        return cached("admin", () -> tokens.userToken(authServer(), "admin", DEMO_PASSWORD));
    }

    public String crm() {
        return cached("crm", () -> tokens.clientCredentials(authServer(), "crm-sync", "crm-sync-secret", "opportunities.write", "accounts.write"));
    }

    public String erp() {
        return cached("erp", () -> tokens.clientCredentials(authServer(), "erp-finance", "erp-finance-secret", "contracts.write", "payments.write"));
    }

    private String cached(String name, Supplier<String> fetch) {
        Token token = tokenCache.get(name);
        if (token == null) {
            token = new Token(fetch.get(), Instant.now());
            tokenCache.put(name, token);
        } else if (token.fetched().plus(TOKEN_AGE).isBefore(Instant.now())
                && refreshing.computeIfAbsent(name, k -> new AtomicBoolean()).compareAndSet(false, true)) {
            // one caller refreshes; the others (and this one, if auth-server cannot answer now) use the token they have
            try {
                token = new Token(fetch.get(), Instant.now());
                tokenCache.put(name, token);
            } catch (RuntimeException e) {
                System.out.println("[chaos] token " + name + " not refreshed: " + e.getMessage());
            } finally {
                refreshing.get(name).set(false);
            }
        }
        return token.value();
    }

    /** A call through the gateway with a token, a JSON body when there is one, and a fresh Idempotency-Key. */
    public Answer call(String method, String path, String token, Object body, Map<String, String> headers, Duration timeout) {
        return call(gateway(), method, path, token, body, headers, timeout);
    }

    /** The same call against another base URI (e.g. one service directly). */
    public Answer call(URI base, String method, String path, String token, Object body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null), response.body(), since(t0), null);
        } catch (IOException e) {
            return new Answer(0, "", null, "", since(t0), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null, "", since(t0), "interrupted");
        }
    }

    public Answer call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of(), Duration.ofSeconds(30));
    }

    static JsonMapper json() {
        return JSON;
    }

    private String authServer() {
        return runner.options().baseUri(App.AUTH_SERVER).toString();
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        runner.stop();
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        // failsafe runs in system-tests/; an IDE may run in the repository root
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("quota-proof-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
