package com.quota.localstack.demo;

import com.quota.localstack.demo.DemoCompany.Person;
import com.quota.localstack.demo.DemoCompany.PersonRole;
import com.quota.localstack.demo.DemoCompany.Unit;
import com.quota.localstack.demo.DemoCompany.UnitType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads and checks the one definition of the demo company ({@code /demo/demo-company.json} on the classpath). */
public final class DemoCompanyReader {

    /** Classpath location of the demo company definition. */
    public static final String RESOURCE = "/demo/demo-company.json";

    // others may add fields to the file; they must not break the runner
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DemoCompanyReader() {
    }

    /** The demo company from the classpath, checked for a consistent org tree. */
    public static DemoCompany read() {
        try (InputStream in = DemoCompanyReader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The demo company from a stream, checked for a consistent org tree. */
    public static DemoCompany read(InputStream in) {
        DemoCompany company;
        try {
            company = JSON.readValue(in, DemoCompany.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("demo company definition is not valid: " + e.getOriginalMessage(), e);
        }
        List<String> problems = problemsOf(company);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("demo company definition is inconsistent: " + String.join("; ", problems));
        }
        return company;
    }

    /** Every inconsistency of the org tree and people (empty when the definition is usable). */
    static List<String> problemsOf(DemoCompany company) {
        List<String> problems = new ArrayList<>();
        long roots = company.units().stream().filter(u -> u.type() == UnitType.COMPANY).count();
        if (roots != 1) {
            problems.add("expected exactly one COMPANY unit, found " + roots);
        }
        Set<UUID> ids = new HashSet<>();
        Set<String> usernames = new HashSet<>();
        for (Unit unit : company.units()) {
            if (!ids.add(unit.id())) {
                problems.add("duplicate id " + unit.id());
            }
            if (unit.type() == UnitType.COMPANY ? unit.parentId() != null : company.unit(unit.parentId()).isEmpty()) {
                problems.add("unit " + unit.code() + " has a missing or wrong parent");
            }
            if (unit.type() == UnitType.TEAM && company.unit(unit.parentId()).map(Unit::type).orElse(null) != UnitType.REGION) {
                problems.add("team " + unit.code() + " is not under a region");
            }
            if (unit.managerId() != null && company.person(unit.managerId()).map(Person::unitId).filter(unit.id()::equals).isEmpty()) {
                problems.add("manager of " + unit.code() + " is not a person of that unit");
            }
        }
        for (Person person : company.people()) {
            if (!ids.add(person.id())) {
                problems.add("duplicate id " + person.id());
            }
            if (!usernames.add(person.username())) {
                problems.add("duplicate username " + person.username());
            }
            if (company.unit(person.unitId()).isEmpty()) {
                problems.add(person.username() + " belongs to an unknown unit");
            } else if (person.role() == PersonRole.REP
                    && company.unit(person.unitId()).get().type() != UnitType.TEAM) {
                problems.add("rep " + person.username() + " is not in a team");
            }
        }
        company.admins().forEach(admin -> {
            if (!usernames.add(admin.username())) {
                problems.add("duplicate username " + admin.username());
            }
        });
        return problems;
    }
}
