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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void aFileLargerThanTheDefaultRequestBodyLimitIsImported() {
        String admin = TestTokens.admin();
        StringBuilder csv = new StringBuilder(HEADER);
        int rows = 2_200;
        for (int i = 0; i < rows; i++) {
            csv.append(row(org.repA2, "product-line-with-a-long-descriptive-name-" + i, "12.00"));
        }
        // every other request body may have 256 KB (the WebFlux default); a file may have quota.targets.import.max-file-size
        assertThat(csv.length()).isGreaterThan(256 * 1024);
        String location = csv(admin, null, csv.toString()).expectStatus().isAccepted().returnResult(Void.class)
                .getResponseHeaders().getLocation().toString();
        Map<?, ?> job = finished(admin, location);
        assertThat(job.get("status")).as("%s", job).isEqualTo("SUCCEEDED");
        assertThat(job.get("createdTargets")).isEqualTo(rows);
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

    private static final String STORED = "a target with this externalRef, or for this year, metric, owner and dimensions, exists";

    @Test
    void aFileMixingABadRowOfEachKindReportsEachWithItsRowAndMessageInOrderAndWritesNothing() {
        String admin = TestTokens.admin();
        String manager = TestTokens.manager(org.managerA);
        String storedRef = "stored-" + UUID.randomUUID();
        Map<String, Object> stored = withProductLine(target("REP", org.repA1, "10.00"), "stored");
        stored.put("externalRef", storedRef);
        id(create(admin, stored));
        UUID unknown = UUID.randomUUID();
        String twelveOnes = ",1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00\n";
        String csv = HEADER
                + row(org.repA1, "a", "100.00")                                   // row 2: good
                + row(unknown, "a", "100.00")                                     // row 3: unknown owner
                + row(org.repB1, "a", "100.00")                                   // row 4: outside the manager's scope
                + row(org.repA1, "stored", "5.00")                                // row 5: already stored
                + row(org.repA1, "a", "7.00")                                     // row 6: the same target as row 2
                + row(org.repA2, "b", "1.001")                                    // row 7: too many decimals
                + storedRef + row(org.repA2, "c", "5.00")                         // row 8: a stored target's externalRef
                + storedRef + row(org.repA2, "d", "5.00")                         // row 9: the same, and row 8's
                + ",2026,BOOKINGS,UNIT," + org.teamA + ",e,,,,TARGET,50.00,,,,,,,,,,,,\n"  // row 10: good (the unit managed)
                + ",2026,BOOKINGS,UNIT," + org.region + ",e,,,,TARGET,50.00,,,,,,,,,,,,\n" // row 11: a unit above the team
                + ",2026,BOOKINGS,REP," + org.repA2 + ",f,,,,TARGET,13.00" + twelveOnes; // row 12: months do not add up
        List<Map<String, Object>> expected = List.of(
                error(3, "unknown-owner", "REP " + unknown + " is not an active rep of the org tree"),
                error(4, "ownerId", "not found in your scope: owner " + org.repB1 + " not found"),
                error(5, "duplicate", STORED),
                error(6, "duplicate", "the same year, metric, owner and dimensions as row 2"),
                error(7, "too-many-decimals", "an amount has more decimals than the currency's minor unit"),
                error(8, "duplicate", STORED),
                error(9, "duplicate", STORED),
                error(9, "externalRef", "the same externalRef as row 8"),
                error(11, "ownerId", "not found in your scope: owner " + org.region + " not found"),
                error(12, "months-do-not-sum", "TARGET: the months sum to 12.00, not the annual 13.00"));

        Map<?, ?> refused = csv(manager, null, csv).expectStatus().isEqualTo(422).expectBody(Map.class).returnResult()
                .getResponseBody();
        assertThat(refused.get("errors")).isEqualTo(expected);
        // the same file as a job reports the same rows
        String location = csv(manager, "respond-async", csv).expectStatus().isAccepted().returnResult(Void.class)
                .getResponseHeaders().getLocation().toString();
        Map<?, ?> job = finished(manager, location);
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("errors")).isEqualTo(expected);

        list(admin, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);
        list(admin, "?ownerId=" + org.repA2).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
        list(admin, "?ownerId=" + org.teamA).expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void aLargeFileIsImportedWholeWithOneAuditEntryPerTargetAsACreateWritesItAndItsAmountsReadBack() {
        String admin = TestTokens.admin();
        int rows = 500;
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            // every other row gives its 12 months (1.00 .. 12.00, in order), the rest an annual spread evenly
            csv.append(i % 2 == 0 ? ",2026,BOOKINGS,REP," + org.repA1 + ",line-" + i + ",,,,TARGET,78.00"
                    + ",1.00,2.00,3.00,4.00,5.00,6.00,7.00,8.00,9.00,10.00,11.00,12.00\n"
                    : ("ref-" + i + "-" + org.repA1).replace("-", "") + row(org.repA1, "line-" + i, "120.00"));
        }
        String location = csv(admin, null, csv.toString()).expectStatus().isAccepted().returnResult(Void.class)
                .getResponseHeaders().getLocation().toString();
        Map<?, ?> job = finished(admin, location);
        assertThat(job.get("status")).as("%s", job).isEqualTo("SUCCEEDED");
        assertThat(job.get("createdTargets")).isEqualTo(rows);
        list(admin, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(rows);
        Long audited = db.sql("""
                        SELECT count(*) AS n FROM audit_entry a JOIN target t ON t.id = a.entity_id
                        WHERE t.owner_id = :rep AND a.entity_type = 'Target' AND a.action = 'target.created'""")
                .bind("rep", org.repA1).map(r -> r.get("n", Long.class)).one().block();
        assertThat(audited).isEqualTo(rows);
        Long distinct = db.sql("""
                        SELECT count(DISTINCT a.entity_id) AS n FROM audit_entry a JOIN target t ON t.id = a.entity_id
                        WHERE t.owner_id = :rep""")
                .bind("rep", org.repA1).map(r -> r.get("n", Long.class)).one().block();
        assertThat(distinct).isEqualTo(rows);

        String given = targetId(org.repA1, "line-42");
        Map<?, ?> givenLevel = level(admin, given);
        assertThat(givenLevel.get("annual")).isEqualTo("78.00");
        assertThat(((List<?>) givenLevel.get("months")).stream().map(m -> (Object) ((Map<?, ?>) m).get("amount")).toList())
                .containsExactly("1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "7.00", "8.00", "9.00", "10.00", "11.00", "12.00");
        String even = targetId(org.repA1, "line-43");
        Map<?, ?> evenLevel = level(admin, even);
        assertThat(evenLevel.get("annual")).isEqualTo("120.00");
        assertThat(((List<?>) evenLevel.get("months")).stream().map(m -> (Object) ((Map<?, ?>) m).get("amount")).distinct().toList())
                .containsExactly("10.00");
        get(admin, "/api/targets/" + even).expectBody().jsonPath("$.externalRef").isEqualTo(
                ("ref-43-" + org.repA1).replace("-", "")).jsonPath("$.status").isEqualTo("DRAFT");

        // the audit entry of an imported target is the one a create through the API writes for the same target
        Map<String, Object> single = withProductLine(target("REP", org.repA2, "78.00"), "line-42");
        ((Map<String, Object>) ((List<?>) single.get("levels")).get(0)).put("months",
                List.of("1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "7.00", "8.00", "9.00", "10.00", "11.00", "12.00"));
        String created = id(create(admin, single));
        Map<?, ?> importedEntry = onlyAuditEntry(admin, given);
        Map<?, ?> createdEntry = onlyAuditEntry(admin, created);
        for (String key : List.of("actor", "actorRepId", "action", "reason", "before")) {
            assertThat(importedEntry.get(key)).as(key).isEqualTo(createdEntry.get(key));
        }
        Map<Object, Object> importedAfter = new java.util.HashMap<>((Map<?, ?>) importedEntry.get("after"));
        Map<Object, Object> createdAfter = new java.util.HashMap<>((Map<?, ?>) createdEntry.get("after"));
        assertThat(importedAfter.remove("id")).isEqualTo(given);
        assertThat(createdAfter.remove("id")).isEqualTo(created);
        assertThat(importedAfter).isEqualTo(createdAfter);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private com.quota.targets.definition.application.TargetService targets;

    @Test
    void aTargetACreateStoredAfterTheChecksRollsTheWholeWriteBackAndNamesItsRow() {
        String admin = TestTokens.admin();
        com.quota.resourceserver.Caller caller = new com.quota.resourceserver.Caller("admin",
                java.util.Set.of(com.quota.resourceserver.Role.ADMIN), null, java.util.Set.of());
        List<com.quota.targets.definition.application.TargetCommands.CreateTarget> commands = List.of(
                command(org.repA1, "first"), command(org.repA1, "taken"), command(org.repA1, "third"));
        // the file was checked; then another create stores the second row's target before the write
        id(create(admin, withProductLine(target("REP", org.repA1, "1.00"), "taken")));

        assertThatThrownBy(() -> targets.createAll(caller, commands).block())
                .isInstanceOfSatisfying(com.quota.targets.definition.application.TargetService.RowFailed.class, failed -> {
                    assertThat(failed.index()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(
                            com.quota.targets.definition.application.TargetService.Duplicate.class);
                });
        list(admin, "?ownerId=" + org.repA1).expectBody().jsonPath("$.page.totalElements").isEqualTo(1);
    }

    private static com.quota.targets.definition.application.TargetCommands.CreateTarget command(UUID rep, String productLine) {
        return new com.quota.targets.definition.application.TargetCommands.CreateTarget(null, 2026,
                com.quota.targets.definition.Metric.BOOKINGS, com.quota.targets.definition.OwnerType.REP, rep,
                new com.quota.targets.definition.Dimensions(productLine, null, null, null), null,
                Map.of(com.quota.targets.definition.TargetLevel.TARGET,
                        new com.quota.targets.definition.application.TargetCommands.LevelInput(new java.math.BigDecimal("12.00"), null)),
                null);
    }

    private String targetId(UUID owner, String productLine) {
        return db.sql("SELECT id FROM target WHERE owner_id = :owner AND product_line = :pl").bind("owner", owner)
                .bind("pl", productLine).map(r -> r.get("id", UUID.class).toString()).one().block();
    }

    private Map<?, ?> level(String token, String target) {
        Map<?, ?> body = get(token, "/api/targets/" + target).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        return (Map<?, ?>) ((List<?>) body.get("levels")).get(0);
    }

    private Map<?, ?> onlyAuditEntry(String token, String target) {
        Map<?, ?> page = get(token, "/api/targets/" + target + "/audit").expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        List<?> entries = (List<?>) page.get("items");
        assertThat(entries).as("%s", page).hasSize(1);
        return (Map<?, ?>) entries.get(0);
    }

    private static Map<String, Object> error(int row, String field, String message) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("row", row);
        error.put("field", field);
        error.put("message", message);
        return error;
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
