package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static com.quota.pipeline.api.PipelineTestApi.owner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope from the service's own copy of the org tree (org events published to targets.org.v1): a REP sees own and
 * co-owned deals, a MANAGER the subtree, a DIRECTOR everything, an INTEGRATION by its token scope; outside is 404.
 */
class OpportunityScopeIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    PipelineTestApi api;
    OrgFixture org;
    UUID manager;
    UUID inTeam;
    UUID elsewhere;
    UUID pipeline;
    UUID account;

    @BeforeEach
    void setUp() {
        api = new PipelineTestApi(client, db);
        org = new OrgFixture(brokers, db);
        manager = UUID.randomUUID();
        UUID team = org.unit(manager);
        org.rep(manager, team, "MANAGER", List.of(team));
        inTeam = org.rep(team, "REP", List.of());
        elsewhere = org.rep();
        pipeline = api.createPipeline();
        account = api.createAccount(inTeam, "EAST", "SMB");
    }

    @Test
    void repsSeeOwnAndCoOwnedDealsManagersTheirSubtreeDirectorsAll() {
        UUID own = UUID.fromString(api.createOpportunity(TestTokens.rep(inTeam), account, pipeline, "100.00", "CNY", null)
                .path("id").asString());
        UUID shared = UUID.fromString(api.createOpportunity(TestTokens.rep(inTeam), account, pipeline, "200.00", "CNY",
                List.of(owner(inTeam, "70", true), owner(elsewhere, "30", false))).path("id").asString());

        api.problem(api.get(TestTokens.rep(elsewhere), "/api/opportunities/" + own), 404, "not-found");
        api.ok(api.get(TestTokens.rep(elsewhere), "/api/opportunities/" + shared));
        api.ok(api.get(TestTokens.manager(manager), "/api/opportunities/" + own));
        api.ok(api.get(TestTokens.director(UUID.randomUUID()), "/api/opportunities/" + own));
        // outside scope, a command is 404 too and changes nothing
        api.problem(api.post(TestTokens.rep(elsewhere), "/api/opportunities/" + own + "/advance", null), 404, "not-found");
        assertThat(api.eventCount(own)).isEqualTo(1);

        JsonNode elsewhereList = api.ok(api.get(TestTokens.rep(elsewhere), "/api/opportunities?accountId=" + account));
        assertThat(elsewhereList.path("items")).extracting(i -> i.path("id").asString()).containsExactly(shared.toString());
        JsonNode managerList = api.ok(api.get(TestTokens.manager(manager), "/api/opportunities?accountId=" + account));
        assertThat(managerList.path("items")).extracting(i -> i.path("id").asString())
                .containsExactlyInAnyOrder(own.toString(), shared.toString());
        assertThat(managerList.path("page").path("totalElements").asLong()).isEqualTo(2);

        // a manager's subtree does not reach a rep elsewhere
        UUID elsewhereAccount = api.createAccount(elsewhere, "NORTH", "SMB");
        UUID theirs = UUID.fromString(api.createOpportunity(TestTokens.rep(elsewhere), elsewhereAccount, pipeline, "300.00",
                "CNY", null).path("id").asString());
        api.problem(api.get(TestTokens.manager(manager), "/api/opportunities/" + theirs), 404, "not-found");
        api.problem(api.get(TestTokens.manager(manager), "/api/accounts/" + elsewhereAccount), 404, "not-found");
    }

    @Test
    void integrationsNeedTheirScopeAndUnknownRepsAreNotYetKnownHere() {
        api.problem(api.post(TestTokens.integration("crm", "accounts.write"), "/api/opportunities",
                PipelineTestApi.opportunityBody(account, pipeline, "10.00", "CNY", List.of(owner(inTeam, "100", true)))),
                403, "forbidden");
        String crm = TestTokens.integration("crm", "opportunities.write");
        String ref = "CRM-OPP-" + UUID.randomUUID();
        java.util.Map<String, Object> body = new java.util.HashMap<>(PipelineTestApi.opportunityBody(account, pipeline,
                "10.00", "CNY", List.of(owner(inTeam, "100", true))));
        JsonNode created = api.ok(api.put(crm, "/api/opportunities/by-external-ref/" + ref, null, body));
        body.put("title", "Renamed by the CRM");
        JsonNode again = api.ok(api.put(crm, "/api/opportunities/by-external-ref/" + ref, null, body));
        assertThat(again.path("id").asString()).isEqualTo(created.path("id").asString());
        assertThat(again.path("title").asString()).isEqualTo("Renamed by the CRM");
        api.problem(api.post(crm, "/api/opportunities", new java.util.HashMap<>(java.util.Map.of("accountId", account,
                "pipelineId", pipeline, "title", "Dup", "amount", java.util.Map.of("amount", "1.00", "currency", "CNY"),
                "owners", List.of(owner(inTeam, "100", true)), "externalRef", ref))), 409, "duplicate");

        UUID stranger = UUID.randomUUID();
        JsonNode unknown = api.problem(api.post(crm, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "10.00", "CNY", List.of(owner(stranger, "100", true)))), 422, "not-yet-known-here");
        assertThat(unknown.path("title").asString()).isEqualTo("not yet known here; retry");
        // once the org event arrives, the same request goes through
        UUID team = org.unit(null);
        org.rep(stranger, team, "REP", List.of());
        api.ok(api.post(crm, "/api/opportunities", PipelineTestApi.opportunityBody(account, pipeline,
                "10.00", "CNY", List.of(owner(stranger, "100", true)))));
    }
}
