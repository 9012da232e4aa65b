package com.quota.orgdirectory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Something valid from a first day to a last day, both inclusive; an open period has no last day. */
public interface DatedPeriod {

    LocalDate validFrom();

    /** Last day (inclusive); null while open. */
    LocalDate validTo();

    /** Whether the period includes this day. */
    default boolean covers(LocalDate day) {
        return !day.isBefore(validFrom()) && (validTo() == null || !day.isAfter(validTo()));
    }

    /** Whether the two periods share at least one day. */
    default boolean overlaps(DatedPeriod other) {
        boolean startsBeforeOtherEnds = other.validTo() == null || !validFrom().isAfter(other.validTo());
        boolean otherStartsBeforeThisEnds = validTo() == null || !other.validFrom().isAfter(validTo());
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** Checks one period: a first day, and a last day not before it. */
    static void check(LocalDate validFrom, LocalDate validTo, String what) {
        if (validFrom == null) {
            throw new IllegalArgumentException(what + " has no validFrom");
        }
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException(what + " ends (" + validTo + ") before it starts (" + validFrom + ")");
        }
    }

    /**
     * The periods sorted by first day, after checking each and that no two overlap (a rep is in one unit at a time, a
     * unit has one parent and one manager at a time).
     *
     * @throws IllegalArgumentException naming the first overlap
     */
    static <P extends DatedPeriod> List<P> sortedWithoutOverlap(List<P> periods, String what) {
        List<P> sorted = new ArrayList<>(periods == null ? List.of() : periods);
        sorted.sort(Comparator.comparing(DatedPeriod::validFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException(what + " periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        return List.copyOf(sorted);
    }
}
