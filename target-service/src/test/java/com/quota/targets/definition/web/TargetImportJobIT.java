package com.quota.targets.definition.web;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A targets CSV validated as a whole reports every bad row (shape, unknown owner, duplicates in the file and stored), and
 * a large file (over the threshold, 50 rows in the tests) or one sent with {@code Prefer: respond-async} runs as a job answered 202 whose progress and result are polled: all
 * rows or none.
 */
class TargetImportJobIT extends TargetApiITSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private com.quota.targets.definition.application.TargetImport imports;

    private static final String HEADER = "externalRef,fiscalYear,metric,ownerType,ownerId,productLine,region,channel,"
            + "customerSegment,level,annual,m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12\n";

    @Test
    void everyBadRowIsReportedAndNothingIsWritten() {
        String admin = TestTokens.admin();
        id(create(admin, withProductLine(target("REP", org.repB1, "10.00"), "stored")));
        String csv = HEADER
                + row(org.repA1, "A", "100.00")                      // row 2: good
                + row(UUID.randomUUID(), "A", "100.00")              // row 3: unknown owner
                + row(org.repA1, "A", "100.00")                      // row 4: the same target as row 2
                + row(org.repA2, "A", "100.00").replace("BOOKINGS", "HAPPINESS") // row 5: bad metric
                + row(org.repB1, "stored", "5.00")                   // row 6: already stored
                + row(org.repA2, "B", "1.001");                      // row 7: more decimals than the currency has
        csv(admin, null, csv).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "import-rows-invalid")
                .jsonPath("$.errors.length()").isEqualTo(5)
                .jsonPath("$.errors[0].row").isEqualTo(3).jsonPath("$.errors[0].field").isEqualTo("unknown-owner")
                .jsonPath("$.errors[1].row").isEqualTo(4).jsonPath("$.errors[1].field").isEqualTo("duplicate")
                .jsonPath("$.errors[2].row").isEqualTo(5).jsonPath("$.errors[2].field").isEqualTo("metric")
                .jsonPath("$.errors[3].row").isEqualTo(6).jsonPath("$.errors[3].field").isEqualTo("duplicate")
                .jsonPath("$.errors[4].row").isEqualTo(7).jsonPath("$.errors[4].field").isEqualTo("too-many-decimals");
        list(admin, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
        list(admin, "?ownerId=" + org.repA2).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void anAsyncImportIsAJobWhoseFailureReportsEveryBadRowAndWritesNothing() {
        String admin = TestTokens.admin();
        String csv = HEADER + row(org.repA1, "A", "100.00") + row(UUID.randomUUID(), "A", "1.00") + row(org.repA2, "A", "-1.00");
        String location = csv(admin, "respond-async", csv).expectStatus().isAccepted()
                .expectHeader().exists(HttpHeaders.LOCATION)
                .expectBody().jsonPath("$.totalRows").isEqualTo(3)
                .returnResult().getResponseHeaders().getLocation().toString();

        Map<?, ?> job = finished(admin, location);
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("createdTargets")).isEqualTo(0);
        List<Object> badRows = ((List<?>) job.get("errors")).stream().map(e -> (Object) ((Map<?, ?>) e).get("row")).toList();
        assertThat(badRows).containsExactly(3, 4);
        list(admin, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);

        // only whoever started it (and ADMIN) sees a job
        get(TestTokens.director(org.director), location).expectStatus().isNotFound();
        get(admin, "/api/targets/import-jobs/" + UUID.randomUUID()).expectStatus().isNotFound();
    }

    @Test
    void aFileOverTheThresholdRunsAsAJobAndCreatesEveryRow() {
        String director = TestTokens.director(org.director);
        StringBuilder csv = new StringBuilder(HEADER);
        int rows = 51;
        for (int i = 0; i < rows; i++) {
            csv.append(row(org.repA1, "line-" + i, "12.00"));
        }
        String location = csv(director, null, csv.toString()).expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("RUNNING")
                .returnResult().getResponseHeaders().getLocation().toString();

        Map<?, ?> job = finished(director, location);
        assertThat(job.get("status")).isEqualTo("SUCCEEDED");
        assertThat(job.get("createdTargets")).isEqualTo(rows);
        assertThat(job.get("processedRows")).isEqualTo(rows);
        assertThat(job.get("phase")).isEqualTo("DONE");
        list(director, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(rows);
    }

    @Test
    void aJobWhoseInstanceStoppedIsFailedWithItsReasonAndALiveOneOnAnotherInstanceIsLeftRunning() {
        String admin = TestTokens.admin();
        // two jobs RUNNING as another instance left them: one stopped beating two minutes ago (that instance died
        // mid-import), one beat just now (it still runs there)
        UUID stopped = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        db.sql("INSERT INTO target_import_job (id, status, phase, total_rows, processed_rows, created_by, heartbeat_at)"
                        + " VALUES (:stopped, 'RUNNING', 'WRITING', 80, 80, 'admin', now() - interval '2 minutes'),"
                        + " (:live, 'RUNNING', 'VALIDATING', 80, 20, 'admin', now())")
                .bind("stopped", stopped).bind("live", live).fetch().rowsUpdated().block();

        // what every instance does at start and every minute (two at once: one statement, each job failed once)
        List<UUID> failed = reactor.core.publisher.Flux.merge(imports.failInterruptedJobs(), imports.failInterruptedJobs())
                .collectList().block();
        assertThat(failed).containsOnlyOnce(stopped).doesNotContain(live);

        Map<?, ?> job = get(admin, "/api/targets/import-jobs/" + stopped).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("phase")).isEqualTo("DONE");
        assertThat(job.get("createdTargets")).isEqualTo(0);
        assertThat(((Map<?, ?>) ((List<?>) job.get("errors")).get(0)).get("message").toString())
                .startsWith("interrupted: the instance running the import stopped");
        assertThat(get(admin, "/api/targets/import-jobs/" + live).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("status")).isEqualTo("RUNNING");
        db.sql("DELETE FROM target_import_job WHERE id = :live").bind("live", live).fetch().rowsUpdated().block();
    }

    @Test
    void aRunningJobBeatsSoNoInstanceTakesItForInterrupted() {
        String director = TestTokens.director(org.director);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 60; i++) {
            csv.append(row(org.repA2, "beat-" + i, "12.00"));
        }
        String location = csv(director, null, csv.toString()).expectStatus().isAccepted()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        // the job stored its start as its first beat; while it runs the sweep leaves it alone
        assertThat(imports.failInterruptedJobs().collectList().block()).doesNotContain(id);
        assertThat(finished(director, location).get("status")).isEqualTo("SUCCEEDED");
    }

    private Map<?, ?> finished(String token, String location) {
        return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(300)).until(
                () -> get(token, location).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody(),
                job -> !"RUNNING".equals(job.get("status")));
    }

    private WebTestClient.ResponseSpec csv(String token, String prefer, String body) {
        WebTestClient.RequestBodySpec spec = client.post().uri("/api/targets/import")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.parseMediaType("text/csv"));
        if (prefer != null) {
            spec = spec.header("Prefer", prefer);
        }
        return spec.bodyValue(body).exchange();
    }

    private static Map<String, Object> withProductLine(Map<String, Object> body, String productLine) {
        body.put("dimensions", Map.of("productLine", productLine));
        return body;
    }

    private static String row(UUID rep, String productLine, String annual) {
        return "," + "2026,BOOKINGS,REP," + rep + "," + productLine + ",,,,TARGET," + annual + ",,,,,,,,,,,,\n";
    }
}
