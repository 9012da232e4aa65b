package com.quota.systemtests.proof.input;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends generated requests with the token of a caller that may call the operation: per operation it tries the
 * callers in order and keeps the first that is not refused with 403, so that the requests reach validation (a 403
 * of a caller that may not call the operation is no observation). A 429 is waited out as its Retry-After says.
 */
public final class RequestSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_KEPT = 600;

    private final URI base;
    private final List<String> callers;
    private final Function<String, String> tokenOf;
    private final int parallelism;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> callerOf = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();

    /** {@code callers}: names {@code tokenOf} turns into a bearer token, tried in this order. */
    public RequestSender(URI base, List<String> callers, Function<String, String> tokenOf, int parallelism) {
        this.base = base;
        this.callers = List.copyOf(callers);
        this.tokenOf = tokenOf;
        this.parallelism = parallelism;
    }

    /** Sends every request (the requests of one operation in order, operations in parallel); the answers. */
    public List<Exchange> sendAll(List<BadRequest> requests) {
        Map<ApiOperation, List<BadRequest>> byOperation = new java.util.LinkedHashMap<>();
        for (BadRequest r : requests) {
            byOperation.computeIfAbsent(r.operation(), k -> new ArrayList<>()).add(r);
        }
        List<Exchange> out = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<BadRequest> ofOne : byOperation.values()) {
                futures.add(pool.submit(() -> ofOne.forEach(r -> out.add(send(r)))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(out);
    }

    /** Sends one request as the operation's caller (found on the first request of the operation). */
    public Exchange send(BadRequest request) {
        String key = request.operation().service() + " " + request.operation();
        String known = callerOf.get(key);
        if (known != null) {
            return exchange(request, known);
        }
        Exchange last = null;
        for (String caller : callers) {
            last = exchange(request, caller);
            if (last.status() != 403) {
                callerOf.put(key, caller);
                return last;
            }
        }
        return last;
    }

    public int sent() {
        return sent.get();
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    public Map<String, String> callers() {
        return Map.copyOf(callerOf);
    }

    private Exchange exchange(BadRequest request, String caller) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path())).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + tokenOf.apply(caller))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429 && attempt < 5) {
                    rateLimited.incrementAndGet();
                    long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    Thread.sleep(Math.min(5, Math.max(1, seconds)) * 1000);   // the client honours Retry-After
                    continue;
                }
                String body = response.body();
                return new Exchange(request, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        body.length() > BODY_KEPT ? body.substring(0, BODY_KEPT) : body);
            } catch (HttpTimeoutException e) {
                return new Exchange(request, 0, "", "no answer within " + TIMEOUT.toSeconds() + " s");
            } catch (IOException e) {
                return new Exchange(request, 0, "", "connection failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
