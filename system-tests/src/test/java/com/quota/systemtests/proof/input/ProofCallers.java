package com.quota.systemtests.proof.input;

import com.quota.systemtests.StackTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real tokens of the demo company's callers from the stack's auth-server, renewed before they expire (5 minutes),
 * so a long run keeps valid tokens. A caller is a demo username, or {@code client:<clientId>} for an integration.
 */
public final class ProofCallers {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(3);
    private static final Map<String, Map.Entry<Instant, String>> TOKENS = new ConcurrentHashMap<>();

    private ProofCallers() {
    }

    public static String client(String clientId) {
        return "client:" + clientId;
    }

    public static String token(String caller) {
        Map.Entry<Instant, String> cached = TOKENS.get(caller);
        if (cached != null && cached.getKey().plus(RENEW_AFTER).isAfter(Instant.now())) {
            return cached.getValue();
        }
        String token;
        if (caller.startsWith("client:")) {
            String clientId = caller.substring("client:".length());
            token = StackTokens.integration(clientId, StackTokens.DEMO.integration(clientId).orElseThrow().scopes().toArray(String[]::new));
        } else {
            token = StackTokens.user(caller);
        }
        TOKENS.put(caller, Map.entry(Instant.now(), token));
        return token;
    }

    /** Whether the full form was asked for ({@code -Pproof}, which sets proof.form=full). */
    public static boolean fullForm() {
        return "full".equals(System.getProperty("proof.form"));
    }
}
