package com.quota.localstack.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Access tokens for the demo loader: an ADMIN user's token and integration clients' tokens (by client id),
 * fetched when first needed and again before they expire (they live five minutes; a load can take longer).
 */
public final class DemoTokens {

    private static final Duration REFRESH_AFTER = Duration.ofMinutes(4);

    private final Cached admin;
    private final Function<String, String> clientToken;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    /**
     * @param admin       fetches an ADMIN user's token (e.g. a real authorization-code + PKCE login)
     * @param clientToken fetches a client-credentials token for a client id
     */
    public DemoTokens(Supplier<String> admin, Function<String, String> clientToken) {
        this.admin = new Cached(admin);
        this.clientToken = clientToken;
    }

    public String admin() {
        return admin.get();
    }

    public String client(String clientId) {
        return clients.computeIfAbsent(clientId, id -> new Cached(() -> clientToken.apply(id))).get();
    }

    private static final class Cached {
        private final Supplier<String> source;
        private String token;
        private long fetchedAt;

        Cached(Supplier<String> source) {
            this.source = source;
        }

        synchronized String get() {
            if (token == null || System.nanoTime() - fetchedAt > REFRESH_AFTER.toNanos()) {
                token = source.get();
                fetchedAt = System.nanoTime();
            }
            return token;
        }
    }
}
