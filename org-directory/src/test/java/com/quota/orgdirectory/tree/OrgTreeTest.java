package com.quota.orgdirectory.tree;

import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.ParentPeriod;
import com.quota.orgdirectory.RepState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tree of a small hand-made company: Huaxia with East and West regions; team Shanghai moves from East to West. */
class OrgTreeTest {

    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final LocalDate REORG = LocalDate.of(2026, 4, 1);
    static final UUID COMPANY = id("c0"), EAST = id("e0"), WEST = id("f0"), SHANGHAI = id("a1"), HANGZHOU = id("a2");
    static final UUID DIRECTOR = id("d1"), EAST_MANAGER = id("d2"), WEST_MANAGER = id("d3"), CHEN = id("b1"), LI = id("b2");

    final OrgTree tree = OrgTree.of(List.of(
            unit(COMPANY, null, List.of(), List.of(new ManagerPeriod(DIRECTOR, START, null))),
            unit(EAST, COMPANY, List.of(), List.of(new ManagerPeriod(EAST_MANAGER, START, null))),
            unit(WEST, COMPANY, List.of(), List.of(new ManagerPeriod(WEST_MANAGER, START, null))),
            unit(SHANGHAI, WEST, List.of(new ParentPeriod(EAST, START, REORG.minusDays(1)), new ParentPeriod(WEST, REORG, null)),
                    List.of()),
            unit(HANGZHOU, EAST, List.of(), List.of(new ManagerPeriod(LI, START, null)))), List.of(
            rep(CHEN, new MembershipPeriod(HANGZHOU, START, LocalDate.of(2025, 12, 31)),
                    new MembershipPeriod(SHANGHAI, LocalDate.of(2026, 1, 1), null)),
            rep(LI, new MembershipPeriod(HANGZHOU, START, null)),
            rep(EAST_MANAGER, new MembershipPeriod(EAST, START, null))));

    @Test
    void ancestorsAreNearestFirstAndFollowTheReorganisation() {
        assertThat(tree.ancestors(SHANGHAI, REORG.minusDays(1))).containsExactly(EAST, COMPANY);
        assertThat(tree.ancestors(SHANGHAI, REORG)).containsExactly(WEST, COMPANY);
        assertThat(tree.ancestors(COMPANY, REORG)).isEmpty();
    }

    @Test
    void aSubtreeHoldsTheUnitAndWhatIsBelowItOnThatDay() {
        assertThat(tree.subtree(EAST, REORG.minusDays(1))).containsExactly(EAST, SHANGHAI, HANGZHOU);
        assertThat(tree.subtree(EAST, REORG)).containsExactly(EAST, HANGZHOU);
        assertThat(tree.subtree(WEST, REORG)).containsExactly(WEST, SHANGHAI);
        assertThat(tree.subtree(HANGZHOU, REORG)).containsExactly(HANGZHOU);
    }

    @Test
    void aRepsUnitIsTheOneOfTheMembershipValidThatDay() {
        assertThat(tree.unitOf(CHEN, LocalDate.of(2025, 12, 31))).contains(HANGZHOU);
        assertThat(tree.unitOf(CHEN, LocalDate.of(2026, 1, 1))).contains(SHANGHAI);
        assertThat(tree.unitOf(CHEN, LocalDate.of(2023, 12, 31))).isEmpty();
        assertThat(tree.unitOf(id("99"), REORG)).isEmpty();
    }

    @Test
    void aRepsManagersRunUpTheChainWithoutTheRepThemself() {
        assertThat(tree.managersOf(CHEN, LocalDate.of(2025, 6, 1))).containsExactly(LI, EAST_MANAGER, DIRECTOR);
        assertThat(tree.managersOf(CHEN, REORG.minusDays(1))).containsExactly(EAST_MANAGER, DIRECTOR);
        assertThat(tree.managersOf(CHEN, REORG)).containsExactly(WEST_MANAGER, DIRECTOR);
        assertThat(tree.managersOf(LI, REORG)).containsExactly(EAST_MANAGER, DIRECTOR);
    }

    @Test
    void unitsManagedByAndRepsInAnswerForTheDay() {
        assertThat(tree.unitsManagedBy(EAST_MANAGER, REORG)).containsExactly(EAST);
        assertThat(tree.unitsManagedBy(CHEN, REORG)).isEmpty();
        assertThat(tree.repsIn(tree.subtree(EAST, REORG.minusDays(1)), REORG.minusDays(1))).containsExactlyInAnyOrder(CHEN, LI, EAST_MANAGER);
        assertThat(tree.repsIn(tree.subtree(EAST, REORG), REORG)).containsExactlyInAnyOrder(LI, EAST_MANAGER);
    }

    @Test
    void overlappingMembershipsAreRefused() {
        assertThatThrownBy(() -> rep(CHEN, new MembershipPeriod(HANGZHOU, START, LocalDate.of(2026, 1, 1)),
                new MembershipPeriod(SHANGHAI, LocalDate.of(2026, 1, 1), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> new MembershipPeriod(HANGZHOU, REORG, REORG.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }

    @Test
    void aUnitCannotBeItsOwnParent() {
        assertThatThrownBy(() -> unit(EAST, EAST, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCycleInBadDataEndsInsteadOfLoopingForever() {
        OrgTree cyclic = OrgTree.of(List.of(unit(EAST, WEST, List.of(), List.of()), unit(WEST, EAST, List.of(), List.of())), List.of());
        assertThat(cyclic.ancestors(EAST, REORG)).containsExactly(WEST);
        assertThat(cyclic.subtree(EAST, REORG)).containsExactly(EAST, WEST);
    }

    static OrgUnitState unit(UUID id, UUID parent, List<ParentPeriod> parents, List<ManagerPeriod> managers) {
        return new OrgUnitState(id, parent, "U-" + id, "Unit " + id, parent == null ? "COMPANY" : "TEAM", true, START, null,
                parents, managers, null, 1, null);
    }

    static RepState rep(UUID id, MembershipPeriod... memberships) {
        return new RepState(id, "Rep " + id, null, null, "REP", true, START, List.of(memberships), null, 1, null);
    }

    static UUID id(String suffix) {
        return UUID.fromString("00000000-0000-0000-0000-0000000000" + suffix);
    }
}
