package com.quota.systemtests.proof.scope;

import com.quota.localstack.demo.DemoCompanyReader;
import com.quota.systemtests.proof.Verdict;
import com.quota.systemtests.proof.scope.FakeOpportunityApi.Fault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope verdicts turn red on planted faults: the same run (families, rules from the demo org tree, verdicts)
 * against a tiny opportunity API passes when it scopes, and fails when its list or its read has no scope check, or when
 * its search by owner lets the filter stand in for the scope check, when its update writes a deal of another scope, when
 * it refuses an update the caller may do (too tight), or when it answers an update 200 and writes nothing.
 */
class ScopePlantedFaultTest {

    @Test
    void aScopedApiPassesEveryVerdict() throws Exception {
        assertThat(Verdict.failed(run(Fault.NONE))).isEmpty();
    }

    @Test
    void aListWithoutScopeChecksTurnsTheForeignRowsVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.LIST_WITHOUT_SCOPE))).containsExactly("no row of another scope in any answer");
    }

    @Test
    void aReadWithoutScopeChecksTurnsTheStatusVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.READ_WITHOUT_SCOPE))).containsExactly("every (family, role, own/other) gets its status");
    }

    @Test
    void aSearchWhoseFilterReplacesTheScopeCheckTurnsTheForeignRowsVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.FILTER_REPLACES_SCOPE))).containsExactly("no row of another scope in any answer");
    }

    @Test
    void anUpdateWithoutScopeChecksTurnsTheStatusAndTheNothingChangedVerdictsRed() throws Exception {
        assertThat(failedNames(run(Fault.WRITE_WITHOUT_SCOPE))).containsExactly("every (family, role, own/other) gets its status",
                "nothing changed by a refused write");
    }

    @Test
    void anUpdateThatRefusesAManagerItsTeamsDealTurnsTheStatusAndTheAllowedWriteVerdictsRed() throws Exception {
        assertThat(failedNames(run(Fault.WRITE_TOO_TIGHT))).containsExactly("every (family, role, own/other) gets its status",
                ScopeVerdicts.ALLOWED_WRITES);
    }

    @Test
    void anUpdateThatAnswers200AndWritesNothingTurnsTheAllowedWriteVerdictRed() throws Exception {
        assertThat(failedNames(run(Fault.WRITE_WITHOUT_EFFECT))).containsExactly(ScopeVerdicts.ALLOWED_WRITES);
    }

    private static List<String> failedNames(List<Verdict> verdicts) {
        return Verdict.failed(verdicts).stream().map(Verdict::name).toList();
    }

    private static List<Verdict> run(Fault fault) throws Exception {
        try (FakeOpportunityApi api = new FakeOpportunityApi(fault)) {
            var company = DemoCompanyReader.read();
            ScopeRun.Result result = ScopeRun.run("planted fault " + fault, new ScopeRun.Setup(
                    Map.of("pipeline", Map.of("fake", api.uri())), List.of("rep.liu", "manager.zhang", "admin"),
                    caller -> "token-of-" + caller, new ScopeRules(company), Map.<String, UUID>of(), company.root().id(),
                    "FY2026", "admin", Set.of("opportunities list", "opportunity read",
                    "opportunities search by another's ownerRepId", "opportunities search by own ownerRepId", "write: opportunity update",
                    "allowed write: opportunity update")));
            System.out.println(result.report());
            return result.verdicts();
        }
    }
}
