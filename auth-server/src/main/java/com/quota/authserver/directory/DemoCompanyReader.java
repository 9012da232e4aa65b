package com.quota.authserver.directory;

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

/** Reads and checks demo-company.json; a broken definition stops the server instead of half-working. */
public final class DemoCompanyReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DemoCompanyReader() {
    }

    public static DemoCompany read(InputStream in) {
        DemoCompany company;
        try (in) {
            company = JSON.readValue(in, DemoCompany.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("demo company definition is not valid: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo company definition", e);
        }
        List<String> problems = problemsOf(company);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("demo company definition is not valid: " + String.join("; ", problems));
        }
        return company;
    }

    private static List<String> problemsOf(DemoCompany company) {
        List<String> problems = new ArrayList<>();
        Set<String> usernames = new HashSet<>();
        Set<Object> ids = new HashSet<>();
        for (DemoCompany.Person p : company.people()) {
            if (isBlank(p.username())) {
                problems.add("a person has no username");
                continue;
            }
            if (p.id() == null) {
                problems.add(p.username() + " has no id");
            } else if (!ids.add(p.id())) {
                problems.add(p.username() + " reuses id " + p.id());
            }
            if (p.role() == null || !p.role().isOrgRole()) {
                problems.add(p.username() + " has no org role (DIRECTOR, MANAGER or REP)");
            }
            if (!usernames.add(p.username())) {
                problems.add("username " + p.username() + " is not unique");
            }
        }
        for (DemoCompany.Admin a : company.admins()) {
            if (isBlank(a.username())) {
                problems.add("an admin has no username");
            } else if (!usernames.add(a.username())) {
                problems.add("username " + a.username() + " is not unique");
            }
        }
        Set<String> clientIds = new HashSet<>();
        for (DemoCompany.Integration i : company.integrations()) {
            if (isBlank(i.clientId())) {
                problems.add("an integration has no clientId");
            } else if (!clientIds.add(i.clientId())) {
                problems.add("integration " + i.clientId() + " is not unique");
            }
        }
        return problems;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
