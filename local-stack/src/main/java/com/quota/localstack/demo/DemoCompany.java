package com.quota.localstack.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The demo company as defined in {@code demo/demo-company.json}: org tree, people, admins, integration clients, dataset knobs. */
public record DemoCompany(
        Company company,
        List<Unit> units,
        List<Person> people,
        List<Admin> admins,
        List<Integration> integrations,
        Dataset dataset) {

    public DemoCompany {
        units = List.copyOf(units);
        people = List.copyOf(people);
        admins = List.copyOf(admins);
        integrations = List.copyOf(integrations);
    }

    /** Company-wide settings. */
    public record Company(String name, String reportingCurrency, String timeZone, int fiscalYearStartMonth, int demoFiscalYear) {
    }

    /** An org unit; the company is the root. */
    public record Unit(UUID id, String code, String name, UnitType type, UUID parentId, UUID managerId) {
    }

    /** Levels of the org tree. */
    public enum UnitType { COMPANY, REGION, TEAM }

    /** A person in the org tree: the director, managers and reps (all reps of the company in the API's sense). */
    public record Person(UUID id, String username, String displayName, PersonRole role, UUID unitId, String title) {
    }

    /** The role of a person of the org tree (ADMIN users are not in the tree). */
    public enum PersonRole { DIRECTOR, MANAGER, REP }

    /** An administrator user without a place in the org tree. */
    public record Admin(String username, String displayName) {
    }

    /** A machine client (client-credentials) with its scopes. */
    public record Integration(String clientId, String name, List<String> scopes) {
    }

    /** Knobs of the generated business data (seed, sizes, shares, dimension values). */
    public record Dataset(long seed, int opportunities, double wonShare, double lostShare,
                          List<String> currencies, List<String> productLines, List<String> channels, List<String> segments) {
    }

    public Unit root() {
        return units.stream().filter(u -> u.type() == UnitType.COMPANY).findFirst()
                .orElseThrow(() -> new IllegalStateException("demo company has no COMPANY unit"));
    }

    public List<Unit> regions() {
        return unitsOfType(UnitType.REGION);
    }

    public List<Unit> teams() {
        return unitsOfType(UnitType.TEAM);
    }

    public List<Unit> childrenOf(UUID unitId) {
        return units.stream().filter(u -> unitId.equals(u.parentId())).toList();
    }

    /** People with the REP role (not their managers), in file order. */
    public List<Person> reps() {
        return people.stream().filter(p -> p.role() == PersonRole.REP).toList();
    }

    public List<Person> repsOf(UUID teamId) {
        return reps().stream().filter(p -> p.unitId().equals(teamId)).toList();
    }

    public Optional<Unit> unit(UUID id) {
        return units.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    public Optional<Person> person(UUID id) {
        return people.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The region a unit belongs to (itself for a region), or empty for the company. */
    public Optional<Unit> regionOf(UUID unitId) {
        Optional<Unit> unit = unit(unitId);
        while (unit.isPresent() && unit.get().type() != UnitType.REGION) {
            UUID parent = unit.get().parentId();
            unit = parent == null ? Optional.empty() : unit(parent);
        }
        return unit;
    }

    /** Units ordered so that every parent comes before its children (the order a PUT-by-id load needs). */
    public List<Unit> unitsParentsFirst() {
        List<Unit> ordered = new ArrayList<>();
        ArrayDeque<Unit> queue = new ArrayDeque<>(List.of(root()));
        while (!queue.isEmpty()) {
            Unit unit = queue.removeFirst();
            ordered.add(unit);
            queue.addAll(childrenOf(unit.id()));
        }
        return ordered;
    }

    public Admin admin() {
        return admins.stream().findFirst().orElseThrow(() -> new IllegalStateException("demo company has no admin"));
    }

    public Optional<Integration> integration(String clientId) {
        return integrations.stream().filter(i -> i.clientId().equals(clientId)).findFirst();
    }

    /** The integration client allowed {@code scope}, if any. */
    public Optional<Integration> integrationWithScope(String scope) {
        return integrations.stream().filter(i -> i.scopes().contains(scope)).findFirst();
    }

    private List<Unit> unitsOfType(UnitType type) {
        return units.stream().filter(u -> u.type() == type).toList();
    }
}
