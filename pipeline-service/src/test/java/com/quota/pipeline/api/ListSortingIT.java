package com.quota.pipeline.api;

import com.quota.pipeline.AbstractPipelineServiceIT;
import com.quota.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sorting the account and opportunity lists with the kit's PageQuery: {@code sort=field,asc|desc} (repeatable) from an
 * allow-list, a stable tiebreak on id; an unknown field or direction is 400 {@code invalid-sort} naming the allowed ones.
 */
class ListSortingIT extends AbstractPipelineServiceIT {

    @Autowired
    DatabaseClient db;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    private static List<String> values(JsonNode page, String field) {
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false).map(i -> i.path(field).asString()).toList();
    }

    @Test
    void accountsSortByAnAllowedFieldEitherWay() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        String region = "R-" + UUID.randomUUID();
        for (String name : List.of("Beta", "Alpha", "Gamma")) {
            Map<String, Object> body = new HashMap<>();
            body.put("name", name);
            body.put("region", region);
            body.put("segment", name.equals("Gamma") ? "SMB" : "ENTERPRISE");
            api.ok(api.post(TestTokens.admin(), "/api/accounts", body));
        }
        String list = "/api/accounts?region=" + region;
        assertThat(values(api.ok(api.get(TestTokens.admin(), list)), "name")).as("default: by name")
                .containsExactly("Alpha", "Beta", "Gamma");
        assertThat(values(api.ok(api.get(TestTokens.admin(), list + "&sort=name,desc")), "name"))
                .containsExactly("Gamma", "Beta", "Alpha");
        assertThat(values(api.ok(api.get(TestTokens.admin(), list + "&sort=segment,asc&sort=name,desc")), "name"))
                .as("repeatable: segment, then name descending").containsExactly("Beta", "Alpha", "Gamma");
        JsonNode page = api.ok(api.get(TestTokens.admin(), list + "&sort=name&size=2&page=1"));
        assertThat(values(page, "name")).containsExactly("Gamma");
        assertThat(page.path("page").path("totalElements").asLong()).isEqualTo(3);

        JsonNode unknown = api.problem(api.get(TestTokens.admin(), list + "&sort=owner,asc"), 400, "invalid-sort");
        assertThat(java.util.stream.StreamSupport.stream(unknown.path("allowedSortFields").spliterator(), false).map(JsonNode::asString).toList())
                .contains("name", "region", "createdAt");
        api.problem(api.get(TestTokens.admin(), list + "&sort=name,sideways"), 400, "invalid-sort");
        api.problem(api.get(TestTokens.admin(), list + "&sort=name;drop table account"), 400, "invalid-sort");
    }

    @Test
    void opportunitiesSortByAmountCloseDateOrNewestFirst() {
        PipelineTestApi api = new PipelineTestApi(client, db);
        UUID pipeline = api.createPipeline();
        UUID rep = new OrgFixture(brokers, db).rep();
        UUID account = api.createAccount(rep, "EAST", "ENTERPRISE");
        String token = TestTokens.rep(rep);
        for (String[] deal : List.of(new String[]{"300.00", "2026-12-01"}, new String[]{"100.00", "2026-12-31"},
                new String[]{"200.00", "2026-12-15"})) {
            Map<String, Object> body = new HashMap<>(PipelineTestApi.opportunityBody(account, pipeline, deal[0], "CNY", null));
            body.put("expectedCloseDate", deal[1]);
            api.ok(api.post(token, "/api/opportunities", body));
        }
        String list = "/api/opportunities?pipelineId=" + pipeline;
        assertThat(amounts(api.ok(api.get(token, list)))).as("default: newest first").containsExactly("200.00", "100.00", "300.00");
        assertThat(amounts(api.ok(api.get(token, list + "&sort=amount,asc")))).containsExactly("100.00", "200.00", "300.00");
        assertThat(amounts(api.ok(api.get(token, list + "&sort=amount,desc")))).containsExactly("300.00", "200.00", "100.00");
        assertThat(amounts(api.ok(api.get(token, list + "&sort=expectedCloseDate,asc"))))
                .containsExactly("300.00", "200.00", "100.00");
        api.problem(api.get(token, list + "&sort=ownerRepId,asc"), 400, "invalid-sort");
        api.problem(api.get(token, list + "&sort=amount,asc,desc"), 400, "invalid-sort");
    }

    private static List<String> amounts(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false).map(i -> i.path("amount").path("amount").asString()).toList();
    }
}
