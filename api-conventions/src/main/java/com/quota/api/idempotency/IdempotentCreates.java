package com.quota.api.idempotency;

import com.quota.api.ids.ExternalRefs;
import com.quota.api.problem.ApiProblem;
import com.quota.resourceserver.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for POSTs that create. The create runs in one transaction with the stored key: a retry with
 * the same key and body answers the first status, body bytes and {@code Location} without creating again; the same
 * key with another request is 422; a duplicate arriving while the first is still running is 409 (a transaction-scoped
 * advisory lock on caller + key, so two creates can never run side by side). Keys are per caller (JWT {@code sub}), so
 * one client can never read another's answer by guessing its key.
 */
public final class IdempotentCreates {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on an answer that is a replay of the first one. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Longest key accepted. */
    public static final int MAX_KEY_LENGTH = 255;
    /**
     * First key of the two-key advisory lock, so these locks never collide with another use of advisory locks
     * (the two-key space is separate from the one-key space); the second key is {@code hashtext(caller || key)}.
     */
    public static final int LOCK_NAMESPACE = 0x49444b31; // "IDK1"

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:namespace, hashtext(:lockName)) AS locked";
    private static final String FIND = """
            SELECT request_method, request_path, request_hash, response_status, response_body, response_location,
                   response_headers
            FROM idempotency_key WHERE caller = :caller AND key = :key""";
    private static final String INSERT = """
            INSERT INTO idempotency_key (caller, key, request_method, request_path, request_hash, response_status,
                                         response_body, response_location, response_headers, created_at)
            VALUES (:caller, :key, :method, :path, :hash, :status, :body, :location, :headers, :createdAt)""";
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotentCreates(DatabaseClient db, TransactionalOperator transactions, JsonMapper json, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code createInTransaction} in a transaction, honouring the request's {@code Idempotency-Key} if it has one.
     *
     * @param caller              the authenticated caller; keys are scoped to its {@code sub}
     * @param requestBody         the decoded request body: the fingerprint is its canonical JSON
     * @param createInTransaction the create (inserts, audit, outbox) — everything it does commits with the key or not at all
     * @return the answer to send: the new one, or the stored one for a retry (marked {@code Idempotent-Replayed: true})
     */
    public Mono<ResponseEntity<String>> create(ServerWebExchange exchange, Caller caller, Object requestBody,
                                               Supplier<Mono<CreatedResponse>> createInTransaction) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        if (key == null) {
            return transactions.transactional(Mono.defer(() -> runCreate(createInTransaction)))
                    .map(StoredResponse::toEntity);
        }
        if (caller == null) {
            return Mono.error(new IllegalStateException("an idempotent create needs an authenticated caller"));
        }
        String problem = invalidKey(key);
        if (problem != null) {
            return Mono.error(ApiProblem.invalidField(HEADER, problem));
        }
        String method = request.getMethod().name();
        String path = request.getPath().pathWithinApplication().value();
        String hash;
        try {
            hash = RequestFingerprint.of(json, method, path, requestBody);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        String owner = caller.sub();
        Mono<StoredResponse> once = tryLock(owner, key).flatMap(locked -> {
            if (!locked) {
                return Mono.error(ApiProblem.idempotencyKeyInFlight());
            }
            return find(owner, key)
                    .<StoredResponse>handle((first, sink) -> {
                        if (first.method().equals(method) && first.path().equals(path) && first.hash().equals(hash)) {
                            sink.next(first.response().asReplay());
                        } else {
                            sink.error(ApiProblem.idempotencyKeyReused());
                        }
                    })
                    .switchIfEmpty(Mono.defer(() -> runCreate(createInTransaction)
                            .flatMap(response -> store(owner, key, method, path, hash, response)
                                    // the primary key is the last line of defence: a second row for one key
                                    // never commits (a unique violation of the service's own create is its own)
                                    .onErrorMap(ExternalRefs::isUniqueViolation, e -> ApiProblem.idempotencyKeyInFlight())
                                    .thenReturn(response))));
        });
        return transactions.transactional(once).map(StoredResponse::toEntity);
    }

    /** Why a key is not acceptable, or null. */
    static String invalidKey(String key) {
        if (key.isBlank()) {
            return "must not be blank";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "must be at most " + MAX_KEY_LENGTH + " characters";
        }
        if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return "must be visible ASCII characters without spaces";
        }
        return null;
    }

    private Mono<StoredResponse> runCreate(Supplier<Mono<CreatedResponse>> createInTransaction) {
        return Mono.defer(createInTransaction)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the create answered nothing")))
                .map(this::toStored);
    }

    private StoredResponse toStored(CreatedResponse created) {
        String body = created.body() == null ? null
                : created.body() instanceof String text ? text : json.writeValueAsString(created.body());
        return new StoredResponse(created.status(), body,
                created.location() == null ? null : created.location().toString(), created.headers(), false);
    }

    private Mono<Boolean> tryLock(String owner, String key) {
        return db.sql(TRY_LOCK)
                .bind("namespace", LOCK_NAMESPACE)
                .bind("lockName", owner.length() + ":" + owner + "|" + key)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one();
    }

    private Mono<FirstRequest> find(String owner, String key) {
        return db.sql(FIND)
                .bind("caller", owner)
                .bind("key", key)
                .map((row, meta) -> new FirstRequest(
                        row.get("request_method", String.class),
                        row.get("request_path", String.class),
                        row.get("request_hash", String.class),
                        new StoredResponse(
                                row.get("response_status", Integer.class),
                                row.get("response_body", String.class),
                                row.get("response_location", String.class),
                                headers(row.get("response_headers", String.class)),
                                false)))
                .one();
    }

    private Mono<Long> store(String owner, String key, String method, String path, String hash,
                             StoredResponse response) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(INSERT)
                .bind("caller", owner)
                .bind("key", key)
                .bind("method", method)
                .bind("path", path)
                .bind("hash", hash)
                .bind("status", response.status())
                .bind("headers", json.writeValueAsString(response.headers()))
                .bind("createdAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        insert = response.body() == null ? insert.bindNull("body", String.class) : insert.bind("body", response.body());
        insert = response.location() == null ? insert.bindNull("location", String.class)
                : insert.bind("location", response.location());
        return insert.fetch().rowsUpdated();
    }

    private Map<String, String> headers(String stored) {
        return stored == null ? Map.of() : json.readValue(stored, HEADER_MAP);
    }

    /** What the first request with a key was, and what it got. */
    private record FirstRequest(String method, String path, String hash, StoredResponse response) {
    }

    /** An answer as stored: exactly what is sent again. */
    private record StoredResponse(int status, String body, String location, Map<String, String> headers,
                                  boolean replayed) {

        StoredResponse asReplay() {
            return new StoredResponse(status, body, location, headers, true);
        }

        ResponseEntity<String> toEntity() {
            HttpHeaders out = new HttpHeaders();
            if (body != null) {
                out.setContentType(MediaType.APPLICATION_JSON);
            }
            Map<String, String> extra = new LinkedHashMap<>(headers);
            extra.forEach(out::set);
            if (location != null) {
                out.setLocation(URI.create(location));
            }
            if (replayed) {
                out.set(REPLAYED_HEADER, "true");
            }
            return ResponseEntity.status(status).headers(out).body(body);
        }
    }
}
