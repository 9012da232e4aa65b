package com.quota.authserver.directory;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCompanyReaderTest {

    private static final UUID REP_LI = UUID.fromString("ba6be0aa-cfa7-5e09-92a9-428f7a2b021d");

    private static DemoCompany demoCompany() {
        InputStream in = DemoCompanyReaderTest.class.getResourceAsStream("/demo/demo-company.json");
        assertThat(in).as("demo-company.json on the classpath (extra resource dir in the pom)").isNotNull();
        return DemoCompanyReader.read(in);
    }

    @Test
    void everyPersonHasAnOrgRoleAndAnId() {
        DemoCompany company = demoCompany();
        assertThat(company.people()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.id()).as(p.username()).isNotNull();
            assertThat(p.role()).as(p.username()).isIn(Role.DIRECTOR, Role.MANAGER, Role.REP);
        });
    }

    @Test
    void usernamesAreUniqueAcrossPeopleAndAdmins() {
        DemoCompany company = demoCompany();
        Set<String> usernames = new HashSet<>();
        company.people().forEach(p -> assertThat(usernames.add(p.username())).as(p.username()).isTrue());
        company.admins().forEach(a -> assertThat(usernames.add(a.username())).as(a.username()).isTrue());
        assertThat(usernames).hasSize(company.people().size() + company.admins().size());
    }

    @Test
    void theDemoCompanyHasSixtyRepsOneDirectorAndAnAdmin() {
        DemoCompany company = demoCompany();
        assertThat(company.people().stream().filter(p -> p.role() == Role.REP)).hasSize(60);
        assertThat(company.people().stream().filter(p -> p.role() == Role.DIRECTOR)).hasSize(1);
        assertThat(company.admins()).extracting(DemoCompany.Admin::username).contains("admin");
    }

    @Test
    void directoryGivesPeopleTheirRepIdAndAdminsNone() {
        Directory directory = new Directory(demoCompany());
        assertThat(directory.find("rep.li")).hasValueSatisfying(u -> {
            assertThat(u.role()).isEqualTo(Role.REP);
            assertThat(u.repId()).isEqualTo(REP_LI);
        });
        assertThat(directory.find("manager.wang")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.MANAGER));
        assertThat(directory.find("director.zhang")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.DIRECTOR));
        assertThat(directory.find("admin")).hasValueSatisfying(u -> {
            assertThat(u.role()).isEqualTo(Role.ADMIN);
            assertThat(u.repIdIfPerson()).isEmpty();
        });
        assertThat(directory.find("nobody")).isEmpty();
    }

    @Test
    void integrationsCarryTheirScopes() {
        assertThat(demoCompany().integrations())
                .filteredOn(i -> i.clientId().equals("crm-sync"))
                .singleElement()
                .satisfies(i -> assertThat(i.scopes()).contains("opportunities.write"));
    }

    @Test
    void duplicateUsernameIsRejected() {
        String json = """
                {"people": [
                  {"id": "%s", "username": "rep.a", "role": "REP"},
                  {"id": "%s", "username": "rep.a", "role": "REP"}
                ], "admins": [], "integrations": []}
                """.formatted(UUID.randomUUID(), UUID.randomUUID());
        assertThatThrownBy(() -> DemoCompanyReader.read(stream(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rep.a is not unique");
    }

    @Test
    void personWithoutIdOrRoleIsRejected() {
        String json = """
                {"people": [{"username": "rep.b"}, {"id": "%s", "username": "rep.c", "role": "ADMIN"}]}
                """.formatted(UUID.randomUUID());
        assertThatThrownBy(() -> DemoCompanyReader.read(stream(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rep.b has no id")
                .hasMessageContaining("rep.b has no org role")
                .hasMessageContaining("rep.c has no org role");
    }

    @Test
    void unknownRoleIsRejected() {
        String json = """
                {"people": [{"id": "%s", "username": "x", "role": "CEO"}]}
                """.formatted(UUID.randomUUID());
        assertThatThrownBy(() -> DemoCompanyReader.read(stream(json))).isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
