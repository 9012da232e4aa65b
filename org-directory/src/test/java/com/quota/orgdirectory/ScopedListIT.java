package com.quota.orgdirectory;

import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's list and single reads with caller scope, on a small company published as events: Huaxia with East
 * (team Hangzhou) and West (team Shanghai). Records owned by reps are created through the test app's API.
 */
class ScopedListIT extends AbstractOrgDirectoryIT {

    static final LocalDate FOUNDED = LocalDate.of(2024, 1, 1);
    static final String JUNE = "2026-06-01";
    static final Instant OCCURRED = Instant.parse("2026-01-05T01:00:00Z");

    // fresh ids per test: the context (and database) is shared
    final UUID company = UUID.randomUUID(), east = UUID.randomUUID(), west = UUID.randomUUID();
    final UUID hangzhou = UUID.randomUUID(), shanghai = UUID.randomUUID();
    final UUID director = UUID.randomUUID(), eastManager = UUID.randomUUID(), westManager = UUID.randomUUID();
    final UUID li = UUID.randomUUID(), chen = UUID.randomUUID(), wang = UUID.randomUUID();
    final UUID chensDeal = UUID.randomUUID(), lisDeal = UUID.randomUUID(), wangsDeal = UUID.randomUUID(), sharedDeal = UUID.randomUUID();

    @BeforeEach
    void publishTheCompanyAndCreateRecords() {
        events.unitChanged(unit(company, null, "COMPANY", director));
        events.unitChanged(unit(east, company, "REGION", eastManager));
        events.unitChanged(unit(west, company, "REGION", westManager));
        events.unitChanged(unit(hangzhou, east, "TEAM", li));
        events.unitChanged(unit(shanghai, west, "TEAM", null));
        events.repChanged(rep(director, 1, new MembershipPeriod(company, FOUNDED, null)));
        events.repChanged(rep(eastManager, 1, new MembershipPeriod(east, FOUNDED, null)));
        events.repChanged(rep(westManager, 1, new MembershipPeriod(west, FOUNDED, null)));
        events.repChanged(rep(li, 1, new MembershipPeriod(hangzhou, FOUNDED, null)));
        events.repChanged(rep(chen, 1, new MembershipPeriod(hangzhou, FOUNDED, null)));
        events.repChanged(rep(wang, 1, new MembershipPeriod(shanghai, FOUNDED, null)));
        List.of(director, eastManager, westManager, li, chen, wang).forEach(rep -> awaitRepVersion(rep, 1));
        List.of(company, east, west, hangzhou, shanghai).forEach(unit -> awaitUnitVersion(unit, 1));

        create(TestTokens.admin(), chensDeal, chen);
        create(TestTokens.admin(), lisDeal, li);
        create(TestTokens.admin(), wangsDeal, wang);
        create(TestTokens.admin(), sharedDeal, wang, chen);
    }

    @Test
    void aManagersListHoldsExactlyTheRecordsOfTheirSubtree() {
        assertThat(list(TestTokens.manager(eastManager), JUNE, false)).containsExactlyInAnyOrder(chensDeal, lisDeal);
        assertThat(list(TestTokens.manager(westManager), JUNE, false)).containsExactlyInAnyOrder(wangsDeal, sharedDeal);
        assertThat(list(TestTokens.manager(li), JUNE, false)).containsExactlyInAnyOrder(chensDeal, lisDeal);
        // co-owned records count for every owner's managers
        assertThat(list(TestTokens.manager(eastManager), JUNE, true)).containsExactlyInAnyOrder(chensDeal, lisDeal, sharedDeal);
        assertThat(list(TestTokens.director(director), JUNE, false)).contains(chensDeal, lisDeal, wangsDeal, sharedDeal);
        assertThat(list(TestTokens.rep(chen), JUNE, false)).containsExactly(chensDeal);
        assertThat(list(TestTokens.rep(chen), JUNE, true)).containsExactlyInAnyOrder(chensDeal, sharedDeal);
        // before the company existed, a manager's subtree holds nobody
        assertThat(list(TestTokens.manager(eastManager), "2023-06-01", false)).isEmpty();
    }

    @Test
    void aMembershipMovedBackDatedMovesTheRecordsBetweenManagersForThoseDays() {
        assertThat(list(TestTokens.manager(eastManager), "2025-09-01", false)).containsExactlyInAnyOrder(chensDeal, lisDeal);

        // HR finds Chen moved to Shanghai on 1 July 2025; target-service publishes his full history again
        events.repChanged(rep(chen, 2, new MembershipPeriod(hangzhou, FOUNDED, LocalDate.of(2025, 6, 30)),
                new MembershipPeriod(shanghai, LocalDate.of(2025, 7, 1), null)));
        awaitRepVersion(chen, 2);

        assertThat(list(TestTokens.manager(eastManager), "2025-09-01", false)).containsExactly(lisDeal);
        assertThat(list(TestTokens.manager(westManager), "2025-09-01", false)).containsExactlyInAnyOrder(chensDeal, wangsDeal, sharedDeal);
        assertThat(list(TestTokens.manager(eastManager), "2025-06-30", false)).containsExactlyInAnyOrder(chensDeal, lisDeal);
        assertThat(directory.managersOf(chen, LocalDate.of(2025, 9, 1)).collectList().block()).containsExactly(westManager, director);
    }

    @Test
    void aSingleRecordOutsideTheCallersScopeIsNotFound() {
        web.get().uri("/api/sales-records/{id}?asOf={asOf}", chensDeal, JUNE).headers(h -> h.setBearerAuth(TestTokens.rep(wang)))
                .exchange().expectStatus().isNotFound();
        web.get().uri("/api/sales-records/{id}?asOf={asOf}", chensDeal, JUNE).headers(h -> h.setBearerAuth(TestTokens.manager(westManager)))
                .exchange().expectStatus().isNotFound();
        web.get().uri("/api/sales-records/{id}?asOf={asOf}", chensDeal, JUNE).headers(h -> h.setBearerAuth(TestTokens.manager(eastManager)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.ownerRepId").isEqualTo(chen.toString());
    }

    @Test
    void aRecordNamingARepNotYetKnownHereIsRefusedWith422AndNothingIsWritten() {
        UUID unknown = UUID.randomUUID(), record = UUID.randomUUID();
        web.post().uri("/api/sales-records").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", record, "owners", List.of(chen, unknown), "label", "deal"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://quota.example/problems/not-yet-known-here")
                .jsonPath("$.title").isEqualTo("not yet known here; retry")
                .jsonPath("$.status").isEqualTo(422)
                .jsonPath("$.kind").isEqualTo("rep")
                .jsonPath("$.id").isEqualTo(unknown.toString());
        assertThat(count("SELECT count(*) FROM sales_record WHERE id = :id", record)).isZero();
        assertThat(count("SELECT count(*) FROM sales_record_owner WHERE record_id = :id", record)).isZero();
    }

    @Test
    void aMachineClientIsLimitedByItsTokenScopesNotByTheTree() {
        String reader = TestTokens.integration("crm-sync", "records.read");
        assertThat(list(reader, JUNE, false)).contains(chensDeal, lisDeal, wangsDeal, sharedDeal);
        web.post().uri("/api/sales-records").headers(h -> h.setBearerAuth(reader)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", UUID.randomUUID(), "owners", List.of(chen), "label", "deal"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/sales-records?asOf={asOf}", JUNE)
                .headers(h -> h.setBearerAuth(TestTokens.integration("erp-sync", "records.write")))
                .exchange().expectStatus().isForbidden();
        create(TestTokens.integration("erp-sync", "records.write"), UUID.randomUUID(), chen);
    }

    private List<UUID> list(String token, String asOf, boolean coOwned) {
        return web.get().uri("/api/sales-records?asOf={asOf}&coOwned={coOwned}", asOf, coOwned)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(view -> UUID.fromString((String) view.get("id")))
                .toList();
    }

    private void create(String token, UUID id, UUID... owners) {
        web.post().uri("/api/sales-records").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "owners", List.of(owners), "label", "deal " + id))
                .exchange().expectStatus().isCreated();
    }

    private static OrgUnitState unit(UUID id, UUID parent, String type, UUID manager) {
        return new OrgUnitState(id, parent, type + "-" + id, type + " " + id, type, true, FOUNDED, null, List.of(),
                manager == null ? List.of() : List.of(new ManagerPeriod(manager, FOUNDED, null)), null, 1, OCCURRED);
    }

    private static RepState rep(UUID id, long version, MembershipPeriod... memberships) {
        return new RepState(id, "Person " + id, null, null, "REP", true, FOUNDED, List.of(memberships), null, version, OCCURRED);
    }
}
