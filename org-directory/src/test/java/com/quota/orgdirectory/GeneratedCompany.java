package com.quota.orgdirectory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A random but valid company for property tests: a COMPANY root, regions, teams (some moved to another region on a
 * date), reps with membership histories (moves between teams, gaps, leavers) and managers who change over time.
 * Everything happens between {@link #FIRST_DAY} and {@link #LAST_DAY}.
 */
public record GeneratedCompany(List<OrgUnitState> units, List<RepState> reps) {

    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2027, 12, 31);
    private static final int DAYS = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay());

    /** A company of up to {@code maxTeams} teams and {@code maxReps} reps, the same for the same seed. */
    public static GeneratedCompany generate(long seed, int maxTeams, int maxReps) {
        Random random = new Random(seed);
        List<UUID> people = new ArrayList<>();
        int repCount = 1 + random.nextInt(maxReps);
        for (int i = 0; i < repCount; i++) {
            people.add(new UUID(seed, i));
        }
        List<OrgUnitState> units = new ArrayList<>();
        UUID company = new UUID(seed, 1_000_000);
        units.add(unit(company, null, "COMPANY", List.of(), managers(random, people), 0));
        List<UUID> regions = new ArrayList<>();
        int regionCount = 1 + random.nextInt(3);
        for (int i = 0; i < regionCount; i++) {
            UUID region = new UUID(seed, 2_000_000 + i);
            regions.add(region);
            units.add(unit(region, company, "REGION", List.of(), managers(random, people), i));
        }
        List<UUID> teams = new ArrayList<>();
        int teamCount = 1 + random.nextInt(maxTeams);
        for (int i = 0; i < teamCount; i++) {
            UUID team = new UUID(seed, 3_000_000 + i);
            teams.add(team);
            UUID first = regions.get(random.nextInt(regions.size()));
            List<ParentPeriod> parents = new ArrayList<>();
            if (random.nextBoolean() && regions.size() > 1) {
                // a reorganisation moves the team to another region on a day
                LocalDate moved = day(random);
                UUID second = regions.get((regions.indexOf(first) + 1) % regions.size());
                parents.add(new ParentPeriod(first, FIRST_DAY, moved.minusDays(1)));
                parents.add(new ParentPeriod(second, moved, null));
            } else {
                parents.add(new ParentPeriod(first, FIRST_DAY, null));
            }
            units.add(unit(team, parents.get(parents.size() - 1).parentId(), "TEAM", parents, managers(random, people), i));
            if (random.nextInt(4) == 0 && !teams.isEmpty()) {
                // a sub-team under a team, for deeper trees
                UUID sub = new UUID(seed, 4_000_000 + i);
                units.add(unit(sub, team, "TEAM", List.of(new ParentPeriod(team, FIRST_DAY, null)), managers(random, people), i));
                teams.add(sub);
            }
        }
        List<UUID> allUnits = units.stream().map(OrgUnitState::id).toList();
        List<RepState> reps = new ArrayList<>();
        for (UUID person : people) {
            reps.add(new RepState(person, "Person " + person.getLeastSignificantBits(), null, null,
                    random.nextInt(3) == 0 ? "MANAGER" : "REP", true, FIRST_DAY,
                    memberships(random, allUnits, teams), null, 1, Instant.parse("2026-01-01T00:00:00Z")));
        }
        return new GeneratedCompany(List.copyOf(units), List.copyOf(reps));
    }

    /** A random day in the company's history. */
    public static LocalDate day(Random random) {
        return FIRST_DAY.plusDays(1 + random.nextInt(DAYS - 1));
    }

    private static OrgUnitState unit(UUID id, UUID parent, String type, List<ParentPeriod> parents,
                                     List<ManagerPeriod> managers, int index) {
        return new OrgUnitState(id, parent, type + "-" + index + "-" + id.getLeastSignificantBits(), type + " " + index,
                type, true, FIRST_DAY, null, parents, managers, null, 1, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Zero to three consecutive managers, possibly with a vacancy between them. */
    private static List<ManagerPeriod> managers(Random random, List<UUID> people) {
        List<ManagerPeriod> managers = new ArrayList<>();
        LocalDate from = FIRST_DAY;
        int count = random.nextInt(4);
        for (int i = 0; i < count && from.isBefore(LAST_DAY); i++) {
            UUID who = people.get(random.nextInt(people.size()));
            boolean last = i == count - 1;
            LocalDate to = last ? null : between(random, from, LAST_DAY);
            managers.add(new ManagerPeriod(who, from, to));
            if (to == null) {
                break;
            }
            from = to.plusDays(1 + random.nextInt(30));
        }
        return managers;
    }

    /** One to four memberships, mostly of teams (sometimes a region or the company), with gaps and leavers. */
    private static List<MembershipPeriod> memberships(Random random, List<UUID> allUnits, List<UUID> teams) {
        List<MembershipPeriod> memberships = new ArrayList<>();
        LocalDate from = between(random, FIRST_DAY, FIRST_DAY.plusDays(400));
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count && from.isBefore(LAST_DAY); i++) {
            UUID unit = random.nextInt(5) == 0 ? allUnits.get(random.nextInt(allUnits.size()))
                    : teams.get(random.nextInt(teams.size()));
            boolean open = i == count - 1 && random.nextInt(4) != 0;
            LocalDate to = open ? null : between(random, from, LAST_DAY);
            memberships.add(new MembershipPeriod(unit, from, to));
            if (to == null) {
                break;
            }
            from = to.plusDays(1 + random.nextInt(20));
        }
        return memberships;
    }

    private static LocalDate between(Random random, LocalDate from, LocalDate to) {
        int span = (int) (to.toEpochDay() - from.toEpochDay());
        return span <= 0 ? from : from.plusDays(random.nextInt(span));
    }
}
