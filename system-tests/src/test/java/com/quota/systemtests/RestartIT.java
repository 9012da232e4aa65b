package com.quota.systemtests;

import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping leaves nothing running; starting again on the same data keeps what was written and the tokens issued. */
@Order(99)
class RestartIT {

    @Test
    void stopLeavesNoProcessAndARestartKeepsTokensClientsAndAuthorizations() {
        LocalStackRunner before = RunningStack.get();
        String repToken = StackTokens.user("rep.li");
        String crmToken = StackTokens.integration("crm-sync", "opportunities.write");
        URI erpFinance = RunningStack.uri(App.AUTH_SERVER, "/admin/clients/erp-finance/");
        assertThat(IdentityIT.post(erpFinance.resolve("disable"), StackTokens.integrationAdmin()).statusCode()).isEqualTo(200);
        List<ProcessHandle> processes = processesOf(before);
        List<Integer> ports = new ArrayList<>(before.options().portsByOwner().values());

        RunningStack.stop();

        // a stopped process may stay a zombie for a moment until its parent reaps it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processes)
                .as("every process of the stack and its children ended").noneMatch(ProcessHandle::isAlive));
        assertThat(ports).as("every port of the stack is free again").noneMatch(RestartIT::listening);

        RunningStack.get();

        HttpResponse<String> me = Http.get(RunningStack.gateway("/api/org/me"), repToken);
        assertThat(me.statusCode()).as("a token issued before the restart is still accepted").isEqualTo(200);
        assertThat(Http.json(me).get("sub").asString()).isEqualTo("rep.li");
        assertThat(introspect(crmToken)).as("the stored authorization survived").contains("\"active\":true");
        assertThat(StackTokens.tokenEndpointStatus("erp-finance")).as("the client stays disabled").isEqualTo(401);

        assertThat(IdentityIT.post(erpFinance.resolve("enable"), StackTokens.integrationAdmin()).statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(StackTokens.tokenEndpointStatus("erp-finance")).isEqualTo(200));
    }

    private static List<ProcessHandle> processesOf(LocalStackRunner stack) {
        List<ProcessHandle> all = new ArrayList<>();
        for (App app : App.values()) {
            stack.process(app).flatMap(p -> ProcessHandle.of(p.pid())).ifPresent(all::add);
        }
        stack.broker().pid().flatMap(ProcessHandle::of).ifPresent(all::add);
        stack.postgres().pid().stream().mapToObj(ProcessHandle::of).flatMap(java.util.Optional::stream).forEach(all::add);
        for (ProcessHandle p : List.copyOf(all)) {
            p.descendants().forEach(all::add);
        }
        assertThat(all).as("processes found").hasSizeGreaterThanOrEqualTo(8);
        return all;
    }

    private static String introspect(String token) {
        String basic = Base64.getEncoder().encodeToString("crm-sync:crm-sync-secret".getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(RunningStack.uri(App.AUTH_SERVER, "/oauth2/introspect"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token))).body().replace(" ", "");
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
