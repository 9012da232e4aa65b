package com.quota.api;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Collections: paging envelope, sort, bad paging input; CSV streamed. */
class PagingAndCsvIT extends AbstractApiConventionsIT {

    private final String token = TestTokens.director(UUID.randomUUID());

    @Test
    void aPageAnswersTheEnvelopeSortedWithTotals() {
        String batch = newBatch("page");
        insertDeals(batch, 7);

        client.get().uri("/api/deals?batch={b}&page=1&size=3&sort=amount,desc", batch)
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(3)
                .jsonPath("$.items[0].amount").isEqualTo(4.0)
                .jsonPath("$.items[2].amount").isEqualTo(2.0)
                .jsonPath("$.page.number").isEqualTo(1)
                .jsonPath("$.page.size").isEqualTo(3)
                .jsonPath("$.page.totalElements").isEqualTo(7)
                .jsonPath("$.page.totalPages").isEqualTo(3);
    }

    @Test
    void theDefaultsAreTheFirstPageOf50() {
        String batch = newBatch("defaults");
        insertDeals(batch, 2);

        client.get().uri("/api/deals?batch={b}", batch).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.page.number").isEqualTo(0)
                .jsonPath("$.page.size").isEqualTo(50)
                .jsonPath("$.page.totalPages").isEqualTo(1)
                .jsonPath("$.items.length()").isEqualTo(2);
    }

    @Test
    void aSortOnAnUnknownFieldAnswers400ListingTheAllowedFields() {
        client.get().uri("/api/deals?batch=x&sort=owner,asc").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-sort")
                .jsonPath("$.allowedSortFields").isEqualTo(List.of("amount", "createdAt", "name"));
    }

    @Test
    void aSizeAbove500Answers400NamingTheField() {
        client.get().uri("/api/deals?batch=x&size=501").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("size")
                .jsonPath("$.errors[0].code").isEqualTo("Max");
    }

    @Test
    void aNegativeOrNonNumericPageAnswers400() {
        client.get().uri("/api/deals?batch=x&page=-1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
        client.get().uri("/api/deals?batch=x&page=two").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("TypeMismatch");
    }

    @Test
    void anExportIsStreamedAsCsvWithRfc4180Quoting() {
        String batch = newBatch("csv");
        int rows = 5000;
        insertDeals(batch, rows);
        db.sql("insert into deal (id, batch, name, amount, owner, version, created_at) "
                        + "values (:id, :batch, 'Acme, \"East\"', 1.50, 'rep-1', 0, now())")
                .bind("id", UUID.randomUUID()).bind("batch", batch).fetch().rowsUpdated().block();

        EntityExchangeResult<byte[]> result = client.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/api/deals/export?batch={b}", batch)
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        HttpHeaders headers = result.getResponseHeaders();
        assertThat(headers.getContentType()).isNotNull();
        assertThat(headers.getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        // streamed: sent in chunks as rows arrive, so the length is not known up front
        assertThat(headers.getContentLength()).isEqualTo(-1);
        assertThat(headers.getFirst(HttpHeaders.TRANSFER_ENCODING)).isEqualTo("chunked");
        assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("deals.csv");
        String csv = new String(result.getResponseBody(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(rows + 2);
        assertThat(lines[0]).isEqualTo("id,name,amount,owner");
        assertThat(lines[1]).endsWith(",\"Acme, \"\"East\"\"\",1.50,rep-1");
    }

    @Test
    void anExportSendsItsFirstLinesWhileItsRowsAreStillComing() {
        String batch = newBatch("csv-open-ended");
        insertDeals(batch, 3);

        // hold=true: after its rows the export waits forever, so a body buffered whole would never arrive
        String firstLine = client.get().uri("/api/deals/export?batch={b}&hold=true", batch)
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody()
                .blockFirst(Duration.ofSeconds(30));

        assertThat(firstLine).isEqualTo("id,name,amount,owner");
    }

    private void insertDeals(String batch, int n) {
        db.sql("""
                insert into deal (id, batch, name, amount, owner, version, created_at)
                select gen_random_uuid(), :batch, 'Deal ' || lpad(i::text, 6, '0'), i, 'rep-1', 0, now() + (i || ' seconds')::interval
                from generate_series(1, :n) i""")
                .bind("batch", batch).bind("n", n).fetch().rowsUpdated().block();
    }
}
