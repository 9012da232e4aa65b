package com.quota.performance.scorecard;

import com.quota.performance.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScorecardTest {

    private final ScorecardResult result = new ScorecardResult(List.of(), new BigDecimal("80.00"), "B");

    @Test
    void aFinalizedScorecardIsImmutable() {
        Scorecard live = Scorecard.live(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "FY2026-Q3", UUID.randomUUID(), result);
        Scorecard recomputed = live.recomputed(new ScorecardResult(List.of(), new BigDecimal("82.00"), "B"));
        assertThat(recomputed.version()).isEqualTo(1);
        Scorecard finalized = recomputed.finalized(recomputed.result(), new TeamRanking.Rank(2, 7), LocalDate.of(2026, 9, 30));
        assertThat(finalized.isFinalized()).isTrue();
        assertThat(finalized.rankInTeam()).isEqualTo(2);

        assertThatThrownBy(() -> finalized.recomputed(result))
                .isInstanceOf(RuleViolation.class)
                .hasFieldOrPropertyWithValue("slug", "scorecard-finalized")
                .hasFieldOrPropertyWithValue("kind", RuleViolation.Kind.STATE_CONFLICT);
        assertThatThrownBy(() -> finalized.finalized(result, new TeamRanking.Rank(1, 7), LocalDate.of(2026, 10, 1)))
                .isInstanceOf(RuleViolation.class).hasFieldOrPropertyWithValue("slug", "scorecard-finalized");
    }

    @Test
    void equalScoresShareARankAndTheNextRankSkips() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), e = UUID.randomUUID();
        Map<UUID, BigDecimal> scores = new LinkedHashMap<>();
        scores.put(a, new BigDecimal("70.00"));
        scores.put(b, new BigDecimal("91.5"));
        scores.put(c, new BigDecimal("70"));
        scores.put(e, new BigDecimal("12.25"));
        Map<UUID, TeamRanking.Rank> ranks = TeamRanking.rank(scores);
        assertThat(ranks.get(b)).isEqualTo(new TeamRanking.Rank(1, 4));
        assertThat(ranks.get(a)).isEqualTo(new TeamRanking.Rank(2, 4));
        assertThat(ranks.get(c)).isEqualTo(new TeamRanking.Rank(2, 4));
        assertThat(ranks.get(e)).isEqualTo(new TeamRanking.Rank(4, 4));
        assertThat(TeamRanking.rank(Map.of())).isEmpty();
    }
}
