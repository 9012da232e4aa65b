package com.quota.systemtests.proof.scope;

import com.quota.localstack.demo.DemoCompany;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see what, derived from the demo company's org tree alone (never from a service's answers): a REP their
 * own records, a MANAGER the units they manage and everything below (and their own), a DIRECTOR or ADMIN the whole
 * company. A record's owner is a rep or a unit; an account in the customer pool is visible to every person (the
 * documented pool rule: "accounts in scope and the pool").
 */
public final class ScopeRules {

    /** The scope of one caller: all, or the reps and units it covers. */
    public record Scope(String caller, boolean all, Set<UUID> reps, Set<UUID> units) {

        public boolean covers(OwnerKey owner) {
            return switch (owner.kind()) {
                case POOL -> true;
                case REP -> all || reps.contains(owner.id());
                case UNIT -> all || units.contains(owner.id());
                case UNKNOWN -> all;
            };
        }
    }

    /** What a row belongs to. */
    public record OwnerKey(Kind kind, UUID id) {
        public enum Kind { REP, UNIT, POOL, UNKNOWN }

        public static OwnerKey rep(String id) {
            return new OwnerKey(Kind.REP, UUID.fromString(id));
        }

        public static OwnerKey unit(String id) {
            return new OwnerKey(Kind.UNIT, UUID.fromString(id));
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase() + (id == null ? "" : ":" + id);
        }
    }

    private final DemoCompany company;

    public ScopeRules(DemoCompany company) {
        this.company = company;
    }

    /** Every person of the tree (reps, managers, the director): the records the read families ask for. */
    public java.util.List<UUID> reps() {
        // reps first: a read family takes the first record in scope as "own", and a rep has every record a person can have
        return java.util.stream.Stream.concat(company.reps().stream(),
                company.people().stream().filter(p -> p.role() != DemoCompany.PersonRole.REP)).map(DemoCompany.Person::id).toList();
    }

    /** The reps (role REP) of the tree, in the demo company's order. */
    public java.util.List<UUID> repIds() {
        return company.reps().stream().map(DemoCompany.Person::id).toList();
    }

    /** Every unit of the tree, parents first. */
    public java.util.List<UUID> units() {
        return company.unitsParentsFirst().stream().map(DemoCompany.Unit::id).toList();
    }

    /** The unit a person belongs to (the root for the admin and the integration clients). */
    public UUID homeUnit(String caller) {
        return company.people().stream().filter(p -> p.username().equals(caller)).map(DemoCompany.Person::unitId).findFirst()
                .orElse(company.root().id());
    }

    /** A unit and every unit above it up to the root: what a caller's own place in the tree lies in. */
    public Set<UUID> selfAndAncestors(UUID unit) {
        Set<UUID> out = new HashSet<>();
        for (UUID u = unit; u != null && out.add(u); ) {
            u = company.unit(u).map(DemoCompany.Unit::parentId).orElse(null);
        }
        return out;
    }

    /**
     * The token scopes an integration client ({@code client:<clientId>}) is granted, as demo-company.json gives them
     * (the scopes the proof asks its token for); empty for people.
     */
    public Set<String> clientScopes(String caller) {
        if (!caller.startsWith("client:")) {
            return Set.of();
        }
        return company.integration(caller.substring("client:".length())).map(i -> Set.copyOf(i.scopes())).orElse(Set.of());
    }

    /** The role of a caller: a demo person's (REP, MANAGER, DIRECTOR), ADMIN, or INTEGRATION for {@code client:<id>}. */
    public String role(String caller) {
        if (caller.startsWith("client:")) {
            return "INTEGRATION";
        }
        return company.people().stream().filter(p -> p.username().equals(caller)).map(p -> p.role().name()).findFirst().orElse("ADMIN");
    }

    /** The people of a unit and of every unit below it. */
    public Set<UUID> peopleBelow(UUID unit) {
        Set<UUID> units = new HashSet<>();
        ArrayDeque<UUID> queue = new ArrayDeque<>(java.util.List.of(unit));
        while (!queue.isEmpty()) {
            UUID u = queue.removeFirst();
            if (units.add(u)) {
                company.childrenOf(u).forEach(c -> queue.add(c.id()));
            }
        }
        Set<UUID> people = new HashSet<>();
        company.people().stream().filter(p -> units.contains(p.unitId())).forEach(p -> people.add(p.id()));
        return people;
    }

    /** The scope of a demo person, the admin ({@code admin}) or an integration client (company-wide). */
    public Scope of(String username) {
        DemoCompany.Person person = company.people().stream().filter(p -> p.username().equals(username)).findFirst().orElse(null);
        if (person == null || person.role() == DemoCompany.PersonRole.DIRECTOR) {
            return new Scope(username, true, Set.of(), Set.of());
        }
        if (person.role() == DemoCompany.PersonRole.REP) {
            return new Scope(username, false, Set.of(person.id()), Set.of());
        }
        Set<UUID> units = new HashSet<>();
        ArrayDeque<UUID> queue = new ArrayDeque<>();
        company.units().stream().filter(u -> person.id().equals(u.managerId())).forEach(u -> queue.add(u.id()));
        while (!queue.isEmpty()) {
            UUID unit = queue.removeFirst();
            if (units.add(unit)) {
                company.childrenOf(unit).forEach(c -> queue.add(c.id()));
            }
        }
        Set<UUID> reps = new HashSet<>();
        reps.add(person.id());
        company.people().stream().filter(p -> units.contains(p.unitId())).forEach(p -> reps.add(p.id()));
        return new Scope(username, false, Set.copyOf(reps), Set.copyOf(units));
    }
}
