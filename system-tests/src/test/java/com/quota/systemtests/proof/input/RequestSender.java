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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends generated requests, a bounded number in flight, each with the token of a caller that may call the operation.
 * The first {@code interchangeable} callers (the company-wide ones: same scope, other roles) share an operation's
 * requests; a caller refused with 403 is no observation: it is dropped for that operation and the request is sent
 * again by another (the rest of the callers are tried in order only when every interchangeable one is refused).
 * Each caller is paced below the gateway's rate limit per caller, so a 429 is not expected; one that comes anyway is
 * waited out as its Retry-After says and the request sent again (counted), never taken for the request's answer
 * unless it stays 429.
 */
public final class RequestSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_KEPT = 600;

    private final URI base;
    private final List<String> interchangeable;
    private final List<String> others;
    private final Function<String, String> tokenOf;
    private final int inFlight;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Set<String>> refusedBy = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sentBy = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsBy = new ConcurrentHashMap<>();
    private final Map<String, Pacer> pacers = new LinkedHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger refused403 = new AtomicInteger();

    /**
     * {@code callers}: names {@code tokenOf} turns into a bearer token; the first {@code interchangeable} share the
     * work, each at most {@code perCallerPerSecond}; {@code inFlight}: requests on the wire at once.
     */
    public RequestSender(URI base, List<String> callers, int interchangeable, Function<String, String> tokenOf,
                         int inFlight, double perCallerPerSecond) {
        this.base = base;
        this.interchangeable = List.copyOf(callers.subList(0, Math.max(1, Math.min(interchangeable, callers.size()))));
        this.others = List.copyOf(callers.subList(this.interchangeable.size(), callers.size()));
        this.tokenOf = tokenOf;
        this.inFlight = inFlight;
        long interval = (long) (1e9 / perCallerPerSecond);
        callers.forEach(c -> pacers.put(c, new Pacer(interval)));
    }

    /** Sends every request, at most {@code inFlight} at once; the answers (without the request bodies). */
    public List<Exchange> sendAll(List<BadRequest> requests) {
        List<Exchange> out = Collections.synchronizedList(new ArrayList<>(requests.size()));
        try (Flight flight = flight(out::add)) {
            requests.forEach(flight::submit);
        }
        return new ArrayList<>(out);
    }

    /** A stream of sends: {@link Flight#submit} blocks while {@code inFlight} requests are out; close waits for all. */
    public Flight flight(Consumer<Exchange> answers) {
        return new Flight(answers);
    }

    /** Requests being sent, their answers handed to a consumer as they come. */
    public final class Flight implements AutoCloseable {
        private final ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        private final Semaphore slots = new Semaphore(inFlight);
        private final Consumer<Exchange> answers;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Flight(Consumer<Exchange> answers) {
            this.answers = answers;
        }

        public void submit(BadRequest request) {
            rethrow();
            slots.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    answers.accept(send(request));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    slots.release();
                }
            });
        }

        @Override
        public void close() {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    throw new IllegalStateException("requests still in flight after an hour");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            rethrow();
        }

        private void rethrow() {
            if (failure.get() != null) {
                throw new IllegalStateException("sending failed", failure.get());
            }
        }
    }

    /** Sends one request as a caller that may call the operation (see the class comment). */
    public Exchange send(BadRequest request) {
        String operation = request.operation().service() + " " + request.operation();
        Set<String> refused = refusedBy.computeIfAbsent(operation, k -> ConcurrentHashMap.newKeySet());
        Exchange last = null;
        while (true) {
            String caller = choose(refused);
            if (caller == null) {
                return last;   // every caller refused with 403: that answer is the observation
            }
            last = exchange(request, caller);
            if (last.status() != 403) {
                sentBy.computeIfAbsent(operation, k -> ConcurrentHashMap.newKeySet()).add(caller);
                requestsBy.computeIfAbsent(caller, k -> new AtomicInteger()).incrementAndGet();
                return last;
            }
            refused403.incrementAndGet();
            refused.add(caller);
        }
    }

    public int sent() {
        return sent.get();
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    /** Requests sent again because the caller was refused with 403 for the operation (no observation). */
    public int refusedWith403() {
        return refused403.get();
    }

    /** Per operation, the callers whose answers were kept. */
    public Map<String, Set<String>> callers() {
        Map<String, Set<String>> out = new TreeMap<>();
        sentBy.forEach((op, callers) -> out.put(op, new TreeSet<>(callers)));
        return out;
    }

    /** Answers kept per caller. */
    public Map<String, Integer> requestsPerCaller() {
        Map<String, Integer> out = new TreeMap<>();
        requestsBy.forEach((caller, n) -> out.put(caller, n.get()));
        return out;
    }

    /**
     * The interchangeable caller not refused for the operation whose pace slot comes first (else the first other
     * caller not refused), its slot reserved and waited for; null when every caller was refused.
     */
    private String choose(Set<String> refused) {
        List<String> candidates = interchangeable.stream().filter(c -> !refused.contains(c)).toList();
        if (candidates.isEmpty()) {
            candidates = others.stream().filter(c -> !refused.contains(c)).limit(1).toList();
        }
        if (candidates.isEmpty()) {
            return null;
        }
        String chosen;
        long slot;
        synchronized (pacers) {
            chosen = candidates.get(0);
            for (String c : candidates) {
                if (pacers.get(c).next < pacers.get(chosen).next) {
                    chosen = c;
                }
            }
            slot = pacers.get(chosen).reserve();
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);   // the pace below the gateway's limit per caller
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return chosen;
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
                return new Exchange(request.withoutBody(), response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        body.length() > BODY_KEPT ? body.substring(0, BODY_KEPT) : body);
            } catch (HttpTimeoutException e) {
                return new Exchange(request.withoutBody(), 0, "", "no answer within " + TIMEOUT.toSeconds() + " s");
            } catch (IOException e) {
                return new Exchange(request.withoutBody(), 0, "", "connection failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The next free send slot of one caller, {@code interval} apart (a client-side pace, not a measurement). */
    private static final class Pacer {
        private final long interval;
        private long next = System.nanoTime();

        Pacer(long interval) {
            this.interval = interval;
        }

        long reserve() {
            long slot = Math.max(System.nanoTime(), next);
            next = slot + interval;
            return slot;
        }
    }
}
