package com.quota.api;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** ETag on reads, If-Match on updates: 428 without it, 412 when stale, and the write happens only when current. */
class OptimisticLockingIT extends AbstractApiConventionsIT {

    private final String token = TestTokens.manager(UUID.randomUUID());

    @Test
    void anUpdateRoundTripsTheEtagAndAnswers428Then412Then200() {
        URI deal = create(newBatch("etag"));

        String etag = client.get().uri(deal.toString()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
                .expectBody(String.class).returnResult().getResponseHeaders().getETag();

        put(deal, null, "Acme v1").expectStatus().isEqualTo(428)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "precondition-required");

        put(deal, etag, "Acme v1").expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.name").isEqualTo("Acme v1");

        // the first ETag is stale now: 412 with the current version, nothing changed
        put(deal, etag, "Acme v2").expectStatus().isEqualTo(412)
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "precondition-failed")
                .jsonPath("$.currentVersion").isEqualTo(1);

        // weak and unquoted forms of the current version are accepted
        put(deal, "W/\"1\"", "Acme v2").expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
        put(deal, "2", "Acme v3").expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"3\"");

        client.get().uri(deal.toString()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Acme v3").jsonPath("$.version").isEqualTo(3);
        assertThat(count("select count(*) from audit_entry where entity_id = :id and action = 'DealRevised'",
                "id", UUID.fromString(deal.getPath().substring(deal.getPath().lastIndexOf('/') + 1)))).isEqualTo(3);
    }

    @Test
    void anIfMatchThatNamesNoVersionAnswers412() {
        URI deal = create(newBatch("etag-garbage"));

        put(deal, "\"abc\"", "Acme").expectStatus().isEqualTo(412);
        put(deal, "*", "Acme").expectStatus().isEqualTo(412);
    }

    @Test
    void anUnknownDealAnswers404() {
        put(URI.create("/api/deals/" + UUID.randomUUID()), "\"0\"", "Acme").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "not-found");
    }

    private WebTestClient.ResponseSpec put(URI deal, String ifMatch, String name) {
        return client.put().uri(deal.toString())
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (ifMatch != null) {
                        h.set(HttpHeaders.IF_MATCH, ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"amount\":200.00,\"reason\":\"repriced\"}")
                .exchange();
    }

    private URI create(String batch) {
        return client.post().uri("/api/deals").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"batch\":\"" + batch + "\",\"name\":\"Acme\",\"amount\":100.00}")
                .exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseHeaders().getLocation();
    }
}
