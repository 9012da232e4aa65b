package com.quota.performance.scorecard;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ranks within a team by score, best first; equal scores share a rank and the next rank skips (1, 2, 2, 4). */
public final class TeamRanking {

    /** A rep's place in a team of {@code teamSize}. */
    public record Rank(int rank, int teamSize) {
    }

    private TeamRanking() {
    }

    public static Map<UUID, Rank> rank(Map<UUID, BigDecimal> scoresByRep) {
        List<Map.Entry<UUID, BigDecimal>> ordered = scoresByRep.entrySet().stream()
                .sorted(Map.Entry.<UUID, BigDecimal>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().toString()))
                .toList();
        Map<UUID, Rank> ranks = new LinkedHashMap<>();
        int size = ordered.size();
        for (int i = 0; i < size; i++) {
            boolean tiedWithPrevious = i > 0 && ordered.get(i).getValue().compareTo(ordered.get(i - 1).getValue()) == 0;
            int rank = tiedWithPrevious ? ranks.get(ordered.get(i - 1).getKey()).rank() : i + 1;
            ranks.put(ordered.get(i).getKey(), new Rank(rank, size));
        }
        return ranks;
    }
}
