package com.quota.api;

import com.quota.api.idempotency.IdempotencyKeyPurge;
import com.quota.api.idempotency.IdempotentCreates;
import com.quota.api.testapp.ApiConventionsTestApplication;
import com.quota.api.testapp.CreateGate;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Idempotency-Key on a create, through the real HTTP stack and real PostgreSQL. */
class IdempotentCreatesIT extends AbstractApiConventionsIT {

    private final String token = TestTokens.rep(UUID.randomUUID());

    @Autowired
    CreateGate gate;
    @Autowired
    IdempotencyKeyPurge purge;

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstResponseByteForByteAndCreatesNothing() {
        String batch = newBatch("replay");
        String key = UUID.randomUUID().toString();
        String body = "{\"batch\":\"" + batch + "\",\"name\":\"Acme renewal\",\"amount\":12500.00}";
        // the same JSON, formatted and ordered differently: still the same request
        String sameBodyReordered = "{ \"amount\": 12500.00, \"name\": \"Acme renewal\", \"batch\": \"" + batch + "\" }";

        EntityExchangeResult<byte[]> first = post(token, key, body);
        EntityExchangeResult<byte[]> retry = post(token, key, sameBodyReordered);

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation())
                .isNotNull();
        assertThat(retry.getResponseHeaders().getETag()).isEqualTo(first.getResponseHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(retry.getResponseHeaders().getFirst(IdempotentCreates.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.getResponseHeaders().getFirst(IdempotentCreates.REPLAYED_HEADER)).isNull();
        assertThat(new String(first.getResponseBody())).contains("\"name\":\"Acme renewal\"");
        assertThat(dealsIn(batch)).isEqualTo(1);
        assertThat(count("select count(*) from audit_entry where after_state ->> 'batch' = :batch", "batch", batch))
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyAnswers422AndCreatesNothing() {
        String batch = newBatch("mismatch");
        String key = UUID.randomUUID().toString();
        post(token, key, "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":100.00}");

        EntityExchangeResult<byte[]> other = post(token, key, "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":101.00}");

        assertThat(other.getStatus().value()).isEqualTo(422);
        assertThat(other.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(other.getResponseBody())).contains(PROBLEMS + "idempotency-key-reused");
        assertThat(dealsIn(batch)).isEqualTo(1);
    }

    @Test
    void keysArePerCallerSoAnotherCallersSameKeyIsANewCreate() {
        String batch = newBatch("per-caller");
        String key = UUID.randomUUID().toString();
        String body = "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":100.00}";

        EntityExchangeResult<byte[]> mine = post(token, key, body);
        EntityExchangeResult<byte[]> theirs = post(TestTokens.rep(UUID.randomUUID()), key, body);

        assertThat(mine.getStatus().value()).isEqualTo(201);
        assertThat(theirs.getStatus().value()).isEqualTo(201);
        assertThat(theirs.getResponseHeaders().getLocation()).isNotEqualTo(mine.getResponseHeaders().getLocation());
        assertThat(dealsIn(batch)).isEqualTo(2);
    }

    @Test
    void withoutAKeyEveryPostCreates() {
        String batch = newBatch("no-key");
        String body = "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":100.00}";

        assertThat(post(token, null, body).getStatus().value()).isEqualTo(201);
        assertThat(post(token, null, body).getStatus().value()).isEqualTo(201);

        assertThat(dealsIn(batch)).isEqualTo(2);
    }

    @Test
    void aFailedCreateStoresNoKeySoTheRetryRunsAgain() {
        String batch = newBatch("failed");
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> invalid = post(token, key, "{\"batch\":\"" + batch + "\",\"name\":\" \",\"amount\":1}");
        EntityExchangeResult<byte[]> fixed = post(token, key, "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":1}");

        assertThat(invalid.getStatus().value()).isEqualTo(400);
        assertThat(fixed.getStatus().value()).isEqualTo(201);
        assertThat(dealsIn(batch)).isEqualTo(1);
    }

    @Test
    void aDuplicateExternalRefIs409DuplicateAndStoresNoKey() {
        String batch = newBatch("external-ref");
        String ref = "crm-" + UUID.randomUUID();
        String firstKey = UUID.randomUUID().toString();
        String secondKey = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = post(token, firstKey,
                "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":1,\"externalRef\":\"" + ref + "\"}");
        EntityExchangeResult<byte[]> duplicate = post(token, secondKey,
                "{\"batch\":\"" + batch + "\",\"name\":\"Acme again\",\"amount\":1,\"externalRef\":\"" + ref + "\"}");

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(duplicate.getStatus().value()).isEqualTo(409);
        assertThat(new String(duplicate.getResponseBody())).contains(PROBLEMS + "duplicate");
        assertThat(dealsIn(batch)).isEqualTo(1);
        assertThat(count("select count(*) from idempotency_key where key = :key", "key", secondKey)).isZero();
        assertThat(count("select count(*) from idempotency_key where key = :key", "key", firstKey)).isEqualTo(1);
    }

    @Test
    void aKeyThatIsTooLongOrHasSpacesAnswers400() {
        String body = "{\"batch\":\"" + newBatch("bad-key") + "\",\"name\":\"Acme\",\"amount\":1}";

        assertThat(post(token, "x".repeat(256), body).getStatus().value()).isEqualTo(400);
        EntityExchangeResult<byte[]> spaced = post(token, "two words", body);
        assertThat(spaced.getStatus().value()).isEqualTo(400);
        assertThat(new String(spaced.getResponseBody())).contains("\"field\":\"Idempotency-Key\"");
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightAnswers409ThenTheRetryGetsTheFirstResult() throws Exception {
        String batch = newBatch("in-flight");
        String key = UUID.randomUUID().toString();
        String body = "{\"batch\":\"" + batch + "\",\"name\":\"held-Acme\",\"amount\":100.00}";

        CompletableFuture<EntityExchangeResult<byte[]>> first = CompletableFuture.supplyAsync(() -> post(token, key, body));
        try {
            await().atMost(Duration.ofSeconds(20)).until(gate::entered);

            EntityExchangeResult<byte[]> duplicate = post(token, key, body);
            assertThat(duplicate.getStatus().value()).isEqualTo(409);
            assertThat(new String(duplicate.getResponseBody())).contains(PROBLEMS + "idempotency-key-in-flight");
            assertThat(duplicate.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        } finally {
            gate.release();
        }
        EntityExchangeResult<byte[]> created = first.get(30, TimeUnit.SECONDS);
        EntityExchangeResult<byte[]> retry = post(token, key, body);

        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseBody()).isEqualTo(created.getResponseBody());
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(created.getResponseHeaders().getLocation());
        assertThat(dealsIn(batch)).isEqualTo(1);
    }

    @Test
    void requestsRacingWithTheSameKeyCreateExactlyOnce() throws Exception {
        String batch = newBatch("race");
        String key = UUID.randomUUID().toString();
        String body = "{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":100.00}";
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<EntityExchangeResult<byte[]>>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return post(token, key, body);
                }, pool));
            }
            start.countDown();

            List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
            for (CompletableFuture<EntityExchangeResult<byte[]>> result : results) {
                answers.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).extracting(a -> a.getStatus().value()).containsOnly(201, 409).contains(201);
            List<String> createdBodies = answers.stream().filter(a -> a.getStatus().value() == 201)
                    .map(a -> new String(a.getResponseBody())).distinct().toList();
            assertThat(createdBodies).hasSize(1);
            assertThat(dealsIn(batch)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePurgeDeletesOnlyKeysOlderThanTheRetentionAndTwoInstancesPurgingAtOnceAgree() {
        String caller = "purge-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.ofInstant(ApiConventionsTestApplication.NOW, ZoneOffset.UTC);
        // 2,500 expired keys (more than two batches) and one kept
        db.sql("""
                insert into idempotency_key (caller, key, request_method, request_path, request_hash, response_status, created_at)
                select :caller, 'old-' || n, 'POST', '/api/deals', 'h', 201, :old from generate_series(1, 2500) n""")
                .bind("caller", caller).bind("old", now.minusHours(49)).fetch().rowsUpdated().block();
        db.sql("""
                insert into idempotency_key (caller, key, request_method, request_path, request_hash, response_status, created_at)
                values (:caller, 'recent', 'POST', '/api/deals', 'h', 201, :recent)""")
                .bind("caller", caller).bind("recent", now.minusHours(47)).fetch().rowsUpdated().block();

        Long deleted = Mono.zip(purge.purgeExpired(), purge.purgeExpired(), Long::sum).block();

        assertThat(count("select count(*) from idempotency_key where caller = :caller", "caller", caller)).isEqualTo(1);
        assertThat(count("select count(*) from idempotency_key where caller = :caller and key = 'recent'", "caller", caller))
                .isEqualTo(1);
        assertThat(deleted).isEqualTo(2500);
    }

    private long dealsIn(String batch) {
        return count("select count(*) from deal where batch = :batch", "batch", batch);
    }

    private EntityExchangeResult<byte[]> post(String bearer, String key, String json) {
        return client.post().uri("/api/deals")
                .headers(h -> {
                    h.setBearerAuth(bearer);
                    if (key != null) {
                        h.set(IdempotentCreates.HEADER, key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectBody(byte[].class)
                .returnResult();
    }
}
