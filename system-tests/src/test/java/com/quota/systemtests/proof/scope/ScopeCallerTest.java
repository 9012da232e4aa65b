package com.quota.systemtests.proof.scope;

import com.quota.localstack.demo.DemoCompany;
import com.quota.localstack.demo.DemoCompanyReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scope run asks of whom, derived from the demo org tree and the clients' token scopes alone: the other
 * region's unit, the other rep, and the status an integration client must get for a family.
 */
class ScopeCallerTest {

    private static final DemoCompany COMPANY = DemoCompanyReader.read();
    private static final ScopeRules RULES = new ScopeRules(COMPANY);

    @Test
    void aTeamManagerAndARepOfEastChinaAreAskedAboutNorthChina() {
        UUID north = unit("NORTH");
        assertThat(caller("manager.zhang").otherUnit()).isEqualTo(north);
        assertThat(caller("rep.liu").otherUnit()).isEqualTo(north);
        assertThat(caller("manager.wang").otherUnit()).isEqualTo(north);
        assertThat(caller("director.zhang").otherUnit()).isNull();
    }

    @Test
    void aRepsOtherRepIsOutsideTheirScopeAndTheirOwnRepIsThemselves() {
        ScopeRun.Caller liu = caller("rep.liu");
        assertThat(liu.ownRep()).isEqualTo(person("rep.liu"));
        assertThat(liu.otherRep()).isNotNull().isNotEqualTo(person("rep.liu"));
        assertThat(liu.coversOwnUnit()).isFalse();
        assertThat(caller("manager.zhang").coversOwnUnit()).isTrue();
        assertThat(RULES.of("manager.zhang").reps()).doesNotContain(caller("manager.zhang").otherRep());
    }

    @Test
    void aClientGetsTheCompanyWideAnswerOnlyWithOneOfTheFamilysScopes() {
        ScopeRun.Caller crm = caller("client:crm-sync");
        ScopeRun.Caller erp = caller("client:erp-finance");
        assertThat(ScopeRun.expected(crm, ScopeRun.Access.OPPORTUNITIES, () -> Set.of(200))).containsExactly(200);
        assertThat(ScopeRun.expected(crm, ScopeRun.Access.FORECAST, () -> Set.of(200))).containsExactly(200);
        assertThat(ScopeRun.expected(crm, ScopeRun.Access.CONTRACTS, () -> Set.of(200))).containsExactly(403);
        assertThat(ScopeRun.expected(erp, ScopeRun.Access.CONTRACTS, () -> Set.of(200))).containsExactly(200);
        assertThat(ScopeRun.expected(erp, ScopeRun.Access.ORG, () -> Set.of(200))).containsExactly(403);
        assertThat(ScopeRun.expected(erp, ScopeRun.Access.ATTAINMENT, () -> Set.of(200))).containsExactly(403);
        assertThat(ScopeRun.expected(caller("rep.liu"), ScopeRun.Access.ATTAINMENT, () -> Set.of(404))).containsExactly(404);
    }

    private static ScopeRun.Caller caller(String name) {
        Map<String, UUID> unitOf = new java.util.LinkedHashMap<>();
        for (DemoCompany.Person p : COMPANY.people()) {
            unitOf.put(p.username(), COMPANY.units().stream().filter(u -> p.id().equals(u.managerId())).map(DemoCompany.Unit::id)
                    .findFirst().orElse(p.unitId()));
        }
        ScopeRun.Setup setup = new ScopeRun.Setup(Map.of(), List.of(name), c -> "", RULES, unitOf, COMPANY.root().id(), "FY2026",
                "admin", Set.of());
        return ScopeRun.caller(name, setup, new ScopeRun.Truth());
    }

    private static UUID unit(String code) {
        return COMPANY.units().stream().filter(u -> u.code().equals(code)).findFirst().orElseThrow().id();
    }

    private static UUID person(String username) {
        return COMPANY.people().stream().filter(p -> p.username().equals(username)).findFirst().orElseThrow().id();
    }
}
