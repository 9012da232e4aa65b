package com.quota.orgdirectory.tree;

import com.quota.orgdirectory.ManagerPeriod;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How the replica keeps a unit's manager history from states that name only today's manager. */
class ManagerHistoryTest {

    static final LocalDate UNIT_START = LocalDate.of(2024, 1, 1);
    static final UUID ANNA = UUID.randomUUID(), BO = UUID.randomUUID();

    @Test
    void theFirstStateSeenGivesItsManagerTheUnitsWholeLife() {
        assertThat(ManagerHistory.afterChange(List.of(), ANNA, LocalDate.of(2026, 5, 1), UNIT_START, null))
                .containsExactly(new ManagerPeriod(ANNA, UNIT_START, null));
        assertThat(ManagerHistory.afterChange(List.of(), null, LocalDate.of(2026, 5, 1), UNIT_START, null)).isEmpty();
    }

    @Test
    void aNewManagerTakesOverOnTheDayOfTheChangeAndTheOldOneKeepsTheDaysBefore() {
        List<ManagerPeriod> known = List.of(new ManagerPeriod(ANNA, UNIT_START, null));
        assertThat(ManagerHistory.afterChange(known, BO, LocalDate.of(2026, 5, 1), UNIT_START, null)).containsExactly(
                new ManagerPeriod(ANNA, UNIT_START, LocalDate.of(2026, 4, 30)),
                new ManagerPeriod(BO, LocalDate.of(2026, 5, 1), null));
    }

    @Test
    void theSameManagerAgainChangesNothingAndAVacancyClosesThePeriod() {
        List<ManagerPeriod> known = List.of(new ManagerPeriod(ANNA, UNIT_START, null));
        assertThat(ManagerHistory.afterChange(known, ANNA, LocalDate.of(2026, 5, 1), UNIT_START, null)).isEqualTo(known);
        assertThat(ManagerHistory.afterChange(known, null, LocalDate.of(2026, 5, 1), UNIT_START, null))
                .containsExactly(new ManagerPeriod(ANNA, UNIT_START, LocalDate.of(2026, 4, 30)));
    }

    @Test
    void aChangeOnTheFirstDayOfAPeriodReplacesIt() {
        List<ManagerPeriod> known = List.of(new ManagerPeriod(ANNA, UNIT_START, LocalDate.of(2026, 4, 30)),
                new ManagerPeriod(BO, LocalDate.of(2026, 5, 1), null));
        assertThat(ManagerHistory.afterChange(known, ANNA, LocalDate.of(2026, 5, 1), UNIT_START, null)).containsExactly(
                new ManagerPeriod(ANNA, UNIT_START, LocalDate.of(2026, 4, 30)),
                new ManagerPeriod(ANNA, LocalDate.of(2026, 5, 1), null));
    }
}
