package com.quota.contract;

import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.contract.web.OutboxProbeController;
import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgReplicaStore;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.RepState;
import com.quota.testsupport.postgres.TestPostgres;
import com.quota.testsupport.security.TestTokens;
import com.quota.testsupport.service.AbstractRunningServiceIT;
import com.quota.testsupport.service.RunningServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Spring context every integration test of contract-service shares: the whole app on a random port
 * over real PostgreSQL (its own database), a real KRaft broker and real signed tokens. Subclasses add no
 * configuration, so the context is built once per test JVM. The broker pre-creates only the topics contract-service
 * consumes; see {@link RunningServiceTest}.
 * <p>
 * The org replica holds a small company (written through {@link OrgReplicaStore}, as the replica consumer does):
 * team EAST managed by {@link #MANAGER_EAST} with reps {@link #REP_A} and {@link #REP_B}; team WEST managed by
 * {@link #MANAGER_WEST} with {@link #REP_C}; {@link #DIRECTOR} at the company.
 */
@RunningServiceTest(consumedTopics = {Topics.PIPELINE_OPPORTUNITY, Topics.TARGETS_ORG})
@Import(OutboxProbeController.class)
public abstract class AbstractContractServiceIT extends AbstractRunningServiceIT {

    protected static final String PROBLEMS = "https://quota.example/problems/";
    protected static final LocalDate FOUNDED = LocalDate.of(2020, 1, 1);
    protected static final UUID COMPANY = UUID.fromString("01900000-0000-7000-8000-00000000c001");
    protected static final UUID EAST = UUID.fromString("01900000-0000-7000-8000-00000000e001");
    protected static final UUID WEST = UUID.fromString("01900000-0000-7000-8000-00000000f001");
    protected static final UUID DIRECTOR = UUID.fromString("01900000-0000-7000-8000-0000000000d1");
    protected static final UUID MANAGER_EAST = UUID.fromString("01900000-0000-7000-8000-0000000000e1");
    protected static final UUID MANAGER_WEST = UUID.fromString("01900000-0000-7000-8000-0000000000f1");
    protected static final UUID REP_A = UUID.fromString("01900000-0000-7000-8000-0000000000a1");
    protected static final UUID REP_B = UUID.fromString("01900000-0000-7000-8000-0000000000b1");
    protected static final UUID REP_C = UUID.fromString("01900000-0000-7000-8000-0000000000c1");

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    protected DatabaseClient db;

    @Autowired
    private OrgReplicaStore orgReplica;

    protected AbstractContractServiceIT() {
        super("contract-service");
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.registerNewDatabase(registry, "contract");
        TestTokens.registerResourceServer(registry);
    }

    @BeforeEach
    void knowTheCompany() {
        // idempotent: a state is applied only over a lower version
        unit(COMPANY, null, "HQ", "COMPANY", DIRECTOR);
        unit(EAST, COMPANY, "EAST", "TEAM", MANAGER_EAST);
        unit(WEST, COMPANY, "WEST", "TEAM", MANAGER_WEST);
        rep(DIRECTOR, COMPANY, "DIRECTOR");
        rep(MANAGER_EAST, EAST, "MANAGER");
        rep(MANAGER_WEST, WEST, "MANAGER");
        rep(REP_A, EAST, "REP");
        rep(REP_B, EAST, "REP");
        rep(REP_C, WEST, "REP");
    }

    private void unit(UUID id, UUID parent, String code, String type, UUID manager) {
        orgReplica.upsertUnit(new OrgUnitState(id, parent, code, code, type, true, FOUNDED, null, List.of(),
                List.of(new ManagerPeriod(manager, FOUNDED, null)), null, 1, Instant.parse("2020-01-01T00:00:00Z"))).block();
    }

    private void rep(UUID id, UUID unit, String role) {
        orgReplica.upsertRep(new RepState(id, "Person " + id, null, null, role, true, FOUNDED,
                List.of(new MembershipPeriod(unit, FOUNDED, null)), null, 1, Instant.parse("2020-01-01T00:00:00Z"))).block();
    }

    // ---- HTTP ----

    /** An answer: status, ETag and JSON body. */
    protected record Answer(int status, String etag, JsonNode json, String text, HttpHeaders headers) {
        public String id() {
            return json.path("id").asString();
        }

        public String type() {
            return json.path("type").asString();
        }
    }

    protected Answer call(HttpMethod method, String path, String token, String ifMatch, Object body) {
        return call(method, path, token, ifMatch, body, Map.of());
    }

    protected Answer call(HttpMethod method, String path, String token, String ifMatch, Object body, Map<String, String> headers) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (ifMatch != null) {
            spec = spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            spec = spec.header(header.getKey(), header.getValue());
        }
        WebTestClient.RequestHeadersSpec<?> request = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        byte[] bytes = result.getResponseBody();
        String text = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode json = text.isBlank() || !text.trim().startsWith("{") && !text.trim().startsWith("[") ? JSON.createObjectNode() : JSON.readTree(text);
        return new Answer(result.getStatus().value(), result.getResponseHeaders().getETag(), json, text, result.getResponseHeaders());
    }

    protected Answer post(String path, String token, String ifMatch, Object body) {
        return call(HttpMethod.POST, path, token, ifMatch, body);
    }

    protected Answer get(String path, String token) {
        return call(HttpMethod.GET, path, token, null, null);
    }

    protected static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    protected static Map<String, Object> money(String amount, String currency) {
        return body("amount", amount, "currency", currency);
    }

    protected static Map<String, Object> owner(UUID repId, String split, boolean primary) {
        return body("repId", repId, "splitPercent", split, "primary", primary);
    }

    /** A standalone CNY draft owned 60/40 by {@code primary} and {@code co}, drafted by {@code token}. */
    protected Answer draft(String token, String value, UUID primary, UUID co) {
        Answer answer = post("/api/contracts", token, null, body(
                "accountId", UUID.randomUUID(), "title", "Lab upgrade " + value, "value", money(value, "CNY"),
                "owners", co == null ? List.of(owner(primary, "100", true)) : List.of(owner(primary, "60", true), owner(co, "40", false)),
                "dimensions", body("productLine", "ANALYZERS", "region", "EAST", "channel", "DIRECT", "customerSegment", "ENTERPRISE"),
                "terms", "Net 30", "startDate", "2026-12-01", "endDate", "2027-11-30"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer;
    }

    /** Submits, lets the chain approve (manager east / director / admin as the steps ask) and signs on 2026-11-20. */
    protected Answer signed(String value) {
        Answer a = draft(TestTokens.rep(REP_A), value, REP_A, REP_B);
        a = post("/api/contracts/" + a.id() + "/submit", TestTokens.rep(REP_A), a.etag(), null);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        while (a.json().path("status").asString().equals("PENDING_APPROVAL")) {
            String role = a.json().path("pendingApprovalRole").asString();
            String token = switch (role) {
                case "MANAGER" -> TestTokens.manager(MANAGER_EAST);
                case "DIRECTOR" -> TestTokens.director(DIRECTOR);
                default -> TestTokens.admin();
            };
            a = post("/api/contracts/" + a.id() + "/approve", token, a.etag(), body("comment", "ok"));
            assertThat(a.status()).as(a.text()).isEqualTo(200);
        }
        a = post("/api/contracts/" + a.id() + "/sign", TestTokens.manager(MANAGER_EAST), a.etag(), body("signedDate", "2026-11-20"));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a;
    }

    // ---- events and rows ----

    /** An event row of the outbox. */
    protected record OutboxEvent(String eventType, String topic, String key, String payload, String headers) {
    }

    /** The events written for an aggregate, in order, each checked against its event-contracts schema. */
    protected List<OutboxEvent> eventsOf(String aggregateId) {
        List<OutboxEvent> events = db.sql("select event_type, topic, message_key, payload::text as p, headers::text as h from outbox_event where aggregate_id = :a order by created_at, id")
                .bind("a", aggregateId)
                .map(r -> new OutboxEvent(r.get("event_type", String.class), r.get("topic", String.class), r.get("message_key", String.class),
                        r.get("p", String.class), r.get("h", String.class)))
                .all().collectList().block();
        for (OutboxEvent event : events) {
            EventSchemas.assertValid(event.eventType(), event.payload());
            assertThat(event.topic()).isEqualTo(Topics.CONTRACTS_CONTRACT);
            assertThat(event.key()).isEqualTo(aggregateId);
        }
        return events;
    }

    protected long rows(String sql, Object... binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (int i = 0; i < binds.length; i += 2) {
            spec = spec.bind((String) binds[i], binds[i + 1]);
        }
        return spec.map(r -> r.get(0, Long.class)).one().block();
    }

    protected long auditEntries(String contractId) {
        return rows("select count(*) from audit_entry where entity_id = :id", "id", UUID.fromString(contractId));
    }
}
