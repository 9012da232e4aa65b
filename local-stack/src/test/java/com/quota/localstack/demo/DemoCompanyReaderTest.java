package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoCompany.Person;
import com.quota.localstack.demo.DemoCompany.PersonRole;
import com.quota.localstack.demo.DemoCompany.Unit;
import com.quota.localstack.demo.DemoCompany.UnitType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCompanyReaderTest {

    private final DemoCompany company = DemoCompanyReader.read();

    @Test
    void theDemoCompanyHasThreeRegionsOfThreeTeamsAndSixtyReps() {
        assertThat(company.regions()).hasSize(3);
        assertThat(company.teams()).hasSize(9);
        assertThat(company.reps()).hasSize(60);
        assertThat(company.regions()).allSatisfy(region -> assertThat(company.childrenOf(region.id())).hasSize(3));
    }

    @Test
    void everyRepBelongsToATeam() {
        assertThat(company.reps()).allSatisfy(rep ->
                assertThat(company.unit(rep.unitId())).get().extracting(Unit::type).isEqualTo(UnitType.TEAM));
        assertThat(company.teams()).allSatisfy(team -> assertThat(company.repsOf(team.id())).isNotEmpty());
    }

    @Test
    void everyUnitHasAManagerWhoExistsAndBelongsToIt() {
        for (Unit unit : company.units()) {
            assertThat(unit.managerId()).as("manager of %s", unit.code()).isNotNull();
            Person manager = company.person(unit.managerId()).orElseThrow();
            assertThat(manager.unitId()).isEqualTo(unit.id());
            assertThat(manager.role()).isIn(PersonRole.MANAGER, PersonRole.DIRECTOR);
        }
        assertThat(company.person(company.root().managerId())).get().extracting(Person::role).isEqualTo(PersonRole.DIRECTOR);
    }

    @Test
    void unitsParentsFirstPutsEveryParentBeforeItsChildren() {
        List<Unit> ordered = company.unitsParentsFirst();
        assertThat(ordered).hasSameSizeAs(company.units());
        for (int i = 0; i < ordered.size(); i++) {
            Unit unit = ordered.get(i);
            if (unit.parentId() != null) {
                assertThat(ordered.subList(0, i)).extracting(Unit::id).contains(unit.parentId());
            }
        }
    }

    @Test
    void adminsAndIntegrationsAreDefined() {
        assertThat(company.admin().username()).isEqualTo("admin");
        assertThat(company.integrationWithScope("opportunities.write")).isPresent();
        assertThat(company.integrationWithScope("payments.write")).isPresent();
    }

    @Test
    void aRepOutsideATeamIsRejectedWithAMessageNamingHim() throws IOException {
        String json;
        try (InputStream in = DemoCompanyReader.class.getResourceAsStream(DemoCompanyReader.RESOURCE)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // rep.li moved into the East region itself (a region, not a team)
        Person li = company.people().stream().filter(p -> p.username().equals("rep.li")).findFirst().orElseThrow();
        Unit east = company.regions().stream().filter(u -> u.code().equals("EAST")).findFirst().orElseThrow();
        String broken = json.replaceFirst(
                "(\"username\": \"rep\\.li\",[^}]*\"unitId\": \")[^\"]+\"", "$1" + east.id() + "\"");
        assertThat(broken).isNotEqualTo(json);

        assertThatThrownBy(() -> DemoCompanyReader.read(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rep " + li.username() + " is not in a team");
    }
}
