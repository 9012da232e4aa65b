package com.quota.systemtests.proof.scope;

import com.quota.systemtests.proof.Verdict;
import com.quota.localstack.LocalStackRunner;
import com.quota.localstack.apps.App;
import com.quota.localstack.demo.DemoCompany;
import com.quota.systemtests.RunningStack;
import com.quota.systemtests.StackTokens;
import com.quota.systemtests.proof.input.ProofCallers;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof part 3, scope (issue #23), with the demo company loaded by its own loader: every endpoint family × caller ×
 * own / other record, through the gateway and directly against each service; the expected status, and no row of
 * another scope in any answer (scope from the org tree, {@link ScopeRules}). Short form: one rep, a team manager, a
 * region manager, the director, the admin and both integration clients; full form ({@code -Pproof
 * -Dproof.part=scope}): every person of the demo company.
 */
@Order(50)
class ScopeIT {

    @Test
    void everyCallerSeesItsOwnScopeAndNothingElse() {
        LocalStackRunner stack = RunningStack.get();
        ProofDemo.ensureLoaded();
        boolean full = ProofCallers.fullForm();
        ScopeRun.Result result = ScopeRun.run("proof part 3, scope (" + (full ? "full" : "short") + " form)", setup(stack, full));
        System.out.println(result.report());
        assertThat(Verdict.failed(result.verdicts()))
                .as("failed verdicts: " + Verdict.names(Verdict.failed(result.verdicts()))).isEmpty();
    }

    static ScopeRun.Setup setup(LocalStackRunner stack, boolean full) {
        DemoCompany company = StackTokens.DEMO;
        URI gateway = stack.options().baseUri(App.GATEWAY);
        Map<String, Map<String, URI>> doors = new LinkedHashMap<>();
        for (App service : List.of(App.TARGET_SERVICE, App.PIPELINE_SERVICE, App.CONTRACT_SERVICE, App.PERFORMANCE_SERVICE)) {
            doors.put(service.database().orElseThrow(), Map.of("gateway", gateway, service.module(), stack.options().baseUri(service)));
        }
        List<String> callers = new ArrayList<>();
        if (full) {
            company.people().forEach(p -> callers.add(p.username()));
        } else {
            callers.addAll(List.of("rep.liu", "manager.zhang", "manager.wang", "director.zhang"));
        }
        callers.add(company.admin().username());
        company.integrations().forEach(i -> callers.add(ProofCallers.client(i.clientId())));
        Map<String, UUID> unitOf = new LinkedHashMap<>();
        for (DemoCompany.Person p : company.people()) {
            UUID unit = company.units().stream().filter(u -> p.id().equals(u.managerId())).map(DemoCompany.Unit::id).findFirst()
                    .orElse(p.unitId());
            unitOf.put(p.username(), unit);
        }
        return new ScopeRun.Setup(doors, callers, ProofCallers::token, new ScopeRules(company), unitOf, company.root().id(),
                "FY" + company.company().demoFiscalYear(), company.admin().username(), null);
    }
}
