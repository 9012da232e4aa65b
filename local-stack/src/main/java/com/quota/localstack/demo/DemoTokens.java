package com.quota.localstack.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Access tokens for the demo loader: an ADMIN user's token, the demo company's people (directors, managers, reps) by
 * username, and integration clients' tokens (by client id), each fetched when first needed and again before it
 * expires (they live five minutes; a load can take longer).
 * <p>
 * A {@link DemoStep} names its caller: {@code null} for the ADMIN user, {@link #userCaller(String)} for a person of the
 * demo company (e.g. the manager who approves), else the OAuth2 scope an integration client must have.
 */
public final class DemoTokens {

    /** The prefix of a step caller that is a person of the demo company, e.g. {@code user:manager.zhang}. */
    public static final String USER_CALLER_PREFIX = "user:";

    private static final Duration REFRESH_AFTER = Duration.ofMinutes(4);

    private final Duration refreshAfter;

    private final Cached admin;
    private final Function<String, String> clientToken;
    private final Function<String, String> userToken;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();
    private final Map<String, Cached> users = new ConcurrentHashMap<>();

    /**
     * Without user tokens: a step that needs a person's token fails with "no token" (and is reported so).
     *
     * @param admin       fetches an ADMIN user's token (e.g. a real authorization-code + PKCE login)
     * @param clientToken fetches a client-credentials token for a client id
     */
    public DemoTokens(Supplier<String> admin, Function<String, String> clientToken) {
        this(admin, clientToken, username -> {
            throw new IllegalStateException("no user tokens configured for the demo load (needed for " + username + ")");
        });
    }

    /**
     * @param admin       fetches an ADMIN user's token (e.g. a real authorization-code + PKCE login)
     * @param clientToken fetches a client-credentials token for a client id
     * @param userToken   fetches a person's token by username (the same login as the ADMIN's)
     */
    public DemoTokens(Supplier<String> admin, Function<String, String> clientToken, Function<String, String> userToken) {
        this(admin, clientToken, userToken, REFRESH_AFTER);
    }

    DemoTokens(Supplier<String> admin, Function<String, String> clientToken, Function<String, String> userToken,
               Duration refreshAfter) {
        this.refreshAfter = refreshAfter;
        this.admin = new Cached(admin);
        this.clientToken = clientToken;
        this.userToken = userToken;
    }

    public String admin() {
        return admin.get();
    }

    public String client(String clientId) {
        return clients.computeIfAbsent(clientId, id -> new Cached(() -> clientToken.apply(id))).get();
    }

    /** A person's token by username (e.g. {@code manager.zhang}), cached like the others. */
    public String user(String username) {
        return users.computeIfAbsent(username, name -> new Cached(() -> userToken.apply(name))).get();
    }

    /** The caller of a step that a person of the demo company runs. */
    public static String userCaller(String username) {
        return USER_CALLER_PREFIX + username;
    }

    /** The username of a person caller, or empty when the caller is not a person ({@code null}: ADMIN, else a scope). */
    public static Optional<String> username(String caller) {
        return caller != null && caller.startsWith(USER_CALLER_PREFIX)
                ? Optional.of(caller.substring(USER_CALLER_PREFIX.length())) : Optional.empty();
    }

    private final class Cached {
        private final Supplier<String> source;
        private String token;
        private long fetchedAt;

        Cached(Supplier<String> source) {
            this.source = source;
        }

        synchronized String get() {
            if (token == null || System.nanoTime() - fetchedAt >= refreshAfter.toNanos()) {
                token = source.get();
                fetchedAt = System.nanoTime();
            }
            return token;
        }
    }
}
