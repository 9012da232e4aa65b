package com.quota.targets.org;

import com.quota.targets.definition.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moves (back-dated too), deactivation, overlapping periods and cycles in the org tree. */
class OrgTreeRulesTest {

    private static final UUID SHANGHAI = UUID.randomUUID();
    private static final UUID HANGZHOU = UUID.randomUUID();
    private static final LocalDate HIRED = LocalDate.of(2024, 3, 1);

    @Test
    void aBackDatedMoveClosesTheOldMembershipTheDayBefore() {
        List<DatedValue> history = List.of(new DatedValue(HANGZHOU, HIRED, null));

        List<DatedValue> moved = DatedHistory.changeFrom(history, SHANGHAI, LocalDate.of(2026, 4, 1), "membership");

        assertThat(moved).containsExactly(new DatedValue(HANGZHOU, HIRED, LocalDate.of(2026, 3, 31)),
                new DatedValue(SHANGHAI, LocalDate.of(2026, 4, 1), null));
        assertThat(DatedHistory.on(moved, LocalDate.of(2026, 3, 31))).contains(HANGZHOU);
        assertThat(DatedHistory.on(moved, LocalDate.of(2026, 4, 1))).contains(SHANGHAI);
    }

    @Test
    void movingToTheSameUnitChangesNothing() {
        List<DatedValue> history = List.of(new DatedValue(HANGZHOU, HIRED, null));

        assertThat(DatedHistory.changeFrom(history, HANGZHOU, LocalDate.of(2026, 4, 1), "membership")).isEqualTo(history);
    }

    @Test
    void aMoveOnTheFirstDayReplacesThePeriod() {
        List<DatedValue> history = List.of(new DatedValue(HANGZHOU, HIRED, null));

        assertThat(DatedHistory.changeFrom(history, SHANGHAI, HIRED, "membership"))
                .containsExactly(new DatedValue(SHANGHAI, HIRED, null));
    }

    @Test
    void aMoveBeforeALaterMoveWouldOverlapAndIsRefused() {
        List<DatedValue> history = List.of(new DatedValue(HANGZHOU, HIRED, LocalDate.of(2026, 3, 31)),
                new DatedValue(SHANGHAI, LocalDate.of(2026, 4, 1), null));

        assertThatThrownBy(() -> DatedHistory.changeFrom(history, UUID.randomUUID(), LocalDate.of(2025, 1, 1), "membership"))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).slug()).isEqualTo("overlapping-periods");
    }

    @Test
    void overlappingMembershipsAreRefused() {
        assertThatThrownBy(() -> DatedHistory.requireNoOverlap(List.of(
                new DatedValue(HANGZHOU, HIRED, LocalDate.of(2026, 4, 1)),
                new DatedValue(SHANGHAI, LocalDate.of(2026, 4, 1), null)), "membership"))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("overlap");
    }

    @Test
    void deactivationEndsTheOpenPeriodOnTheLastDay() {
        List<DatedValue> history = List.of(new DatedValue(HANGZHOU, HIRED, null));

        assertThat(DatedHistory.endOn(history, LocalDate.of(2026, 6, 30)))
                .containsExactly(new DatedValue(HANGZHOU, HIRED, LocalDate.of(2026, 6, 30)));
    }

    @Test
    void aUnitCannotMoveBelowItsOwnDescendant() {
        UUID company = UUID.randomUUID();
        UUID region = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        Map<UUID, UUID> parents = Map.of(region, company, team, region);

        assertThatThrownBy(() -> OrgTreeRules.requireNoCycle(region, team, parents))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).slug()).isEqualTo("cycle-in-tree");
        assertThatCode(() -> OrgTreeRules.requireNoCycle(team, company, parents)).doesNotThrowAnyException();
    }

    @Test
    void onlyTheCompanyHasNoParent() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> OrgTreeRules.requireParentFitsType(id, "TEAM", null)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> OrgTreeRules.requireParentFitsType(id, "COMPANY", UUID.randomUUID())).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> OrgTreeRules.requireParentFitsType(id, "TEAM", id)).isInstanceOf(RuleViolation.class);
    }
}
