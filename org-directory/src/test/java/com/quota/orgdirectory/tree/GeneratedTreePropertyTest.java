package com.quota.orgdirectory.tree;

import com.quota.orgdirectory.GeneratedCompany;
import com.quota.orgdirectory.InMemoryOrgDirectory;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.RepState;
import com.quota.orgdirectory.scope.CallerScope;
import com.quota.orgdirectory.scope.ScopeResolver;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Properties of the tree and of caller scope over randomly generated companies and days. */
class GeneratedTreePropertyTest {

    @Test
    void subtreeAndAncestorsAgreeOnEveryDay() {
        qt().withExamples(150).forAll(longs().all(), integers().between(1, 12)).checkAssert((seed, teams) -> {
            GeneratedCompany company = GeneratedCompany.generate(seed, teams, 10);
            OrgTree tree = OrgTree.of(company.units(), company.reps());
            for (LocalDate day : days(seed, company)) {
                for (OrgUnitState u : company.units()) {
                    List<UUID> ancestors = tree.ancestors(u.id(), day);
                    assertThat(ancestors).doesNotContain(u.id()).doesNotHaveDuplicates();
                    // nearest first: each ancestor is the parent of the one before
                    UUID child = u.id();
                    for (UUID ancestor : ancestors) {
                        assertThat(tree.parentOf(child, day)).contains(ancestor);
                        child = ancestor;
                    }
                    assertThat(tree.parentOf(child, day)).isEmpty();
                    List<UUID> subtree = tree.subtree(u.id(), day);
                    assertThat(subtree.get(0)).isEqualTo(u.id());
                    for (OrgUnitState v : company.units()) {
                        boolean below = !v.id().equals(u.id()) && tree.ancestors(v.id(), day).contains(u.id());
                        assertThat(subtree.contains(v.id())).as("%s in subtree of %s on %s", v.id(), u.id(), day)
                                .isEqualTo(v.id().equals(u.id()) || below);
                    }
                }
            }
        });
    }

    @Test
    void aRepBelongsToTheUnitOfTheMembershipCoveringTheDay() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            GeneratedCompany company = GeneratedCompany.generate(seed, 6, 12);
            OrgTree tree = OrgTree.of(company.units(), company.reps());
            for (LocalDate day : days(seed, company)) {
                for (RepState rep : company.reps()) {
                    List<UUID> covering = rep.memberships().stream().filter(m -> m.covers(day)).map(m -> m.unitId()).toList();
                    assertThat(covering).hasSizeLessThanOrEqualTo(1);
                    assertThat(tree.unitOf(rep.id(), day)).isEqualTo(covering.stream().findFirst());
                }
            }
        });
    }

    @Test
    void aManagerSeesExactlyTheRepsWhoseUnitIsInASubtreeTheyManageAndThemselves() {
        qt().withExamples(150).forAll(longs().all(), integers().between(1, 12)).checkAssert((seed, teams) -> {
            GeneratedCompany company = GeneratedCompany.generate(seed, teams, 12);
            OrgTree tree = OrgTree.of(company.units(), company.reps());
            ScopeResolver resolver = new ScopeResolver(new InMemoryOrgDirectory(tree));
            for (LocalDate day : days(seed, company)) {
                for (RepState manager : company.reps()) {
                    CallerScope scope = resolver.resolve(caller(manager.id(), Role.MANAGER), day).block();
                    assertThat(scope.isAll()).isFalse();
                    // brute force, independent of subtree(): a rep is visible when their unit or one of its
                    // ancestors is managed by the manager on that day
                    Set<UUID> expected = new HashSet<>();
                    expected.add(manager.id());
                    for (RepState rep : company.reps()) {
                        tree.unitOf(rep.id(), day).ifPresent(unit -> {
                            List<UUID> chain = new ArrayList<>(tree.ancestors(unit, day));
                            chain.add(0, unit);
                            if (chain.stream().anyMatch(u -> tree.managerOf(u, day).filter(manager.id()::equals).isPresent())) {
                                expected.add(rep.id());
                            }
                        });
                    }
                    assertThat(scope.visibleRepIds()).as("reps visible to %s on %s", manager.id(), day)
                            .containsExactlyInAnyOrderElementsOf(expected);
                    Set<UUID> managedSubtrees = tree.unitsManagedBy(manager.id(), day).stream()
                            .flatMap(u -> tree.subtree(u, day).stream()).collect(Collectors.toSet());
                    assertThat(scope.visibleUnitIds()).containsExactlyInAnyOrderElementsOf(managedSubtrees);
                    // the other way round: the manager is among the rep's managers exactly when the rep is visible
                    for (RepState rep : company.reps()) {
                        if (!rep.id().equals(manager.id())) {
                            assertThat(tree.managersOf(rep.id(), day).contains(manager.id()))
                                    .isEqualTo(scope.canSeeRep(rep.id()));
                        }
                    }
                }
            }
        });
    }

    @Test
    void aRepSeesOnlyThemselvesAndTheWholeCompanyRolesSeeEverything() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            GeneratedCompany company = GeneratedCompany.generate(seed, 6, 10);
            ScopeResolver resolver = new ScopeResolver(new InMemoryOrgDirectory(OrgTree.of(company.units(), company.reps())));
            LocalDate day = GeneratedCompany.day(new Random(seed));
            for (RepState rep : company.reps()) {
                CallerScope own = resolver.resolve(caller(rep.id(), Role.REP), day).block();
                assertThat(own.visibleRepIds()).containsExactly(rep.id());
                assertThat(own.visibleUnitIds()).isEmpty();
                company.reps().forEach(other -> assertThat(own.canSeeRep(other.id())).isEqualTo(other.id().equals(rep.id())));
                assertThat(own.repPredicate("owner_rep_id").binds().get(CallerScope.REPS_BIND))
                        .isEqualTo(new UUID[]{rep.id()});
                for (Role whole : List.of(Role.DIRECTOR, Role.ADMIN)) {
                    CallerScope all = resolver.resolve(caller(rep.id(), whole), day).block();
                    assertThat(all.isAll()).isTrue();
                    assertThat(all.repPredicate("owner_rep_id").sql()).isEqualTo("TRUE");
                }
            }
        });
    }

    private static Caller caller(UUID repId, Role role) {
        return new Caller(role.name().toLowerCase() + "-" + repId, Set.of(role), repId, Set.of());
    }

    /** Random days plus every day on which something starts or ends (and the day after an end). */
    private static List<LocalDate> days(long seed, GeneratedCompany company) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        Set<LocalDate> days = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            days.add(GeneratedCompany.day(random));
        }
        company.units().forEach(u -> u.parentPeriods().forEach(p -> {
            days.add(p.validFrom());
            if (p.validTo() != null) {
                days.add(p.validTo());
                days.add(p.validTo().plusDays(1));
            }
        }));
        company.reps().forEach(r -> r.memberships().stream().limit(2).forEach(m -> days.add(m.validFrom())));
        return days.stream().sorted().limit(12).toList();
    }
}
