package com.quota.targets.org;

import com.quota.targets.definition.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A dated history (memberships of a rep, managers or parents of a unit): periods that never overlap, oldest first.
 * Changes are made as of an effective date, which may lie in the past (a back-dated move).
 */
public final class DatedHistory {

    private DatedHistory() {
    }

    /** Checks a whole history: sorted by first day, no two periods sharing a day (else 422 {@code overlapping-periods}). */
    public static List<DatedValue> requireNoOverlap(List<DatedValue> periods, String what) {
        List<DatedValue> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(DatedValue::from));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new RuleViolation("overlapping-periods", what + " periods overlap: " + describe(sorted.get(i - 1))
                        + " and " + describe(sorted.get(i)));
            }
        }
        return List.copyOf(sorted);
    }

    /** The value held on a day. */
    public static Optional<UUID> on(List<DatedValue> history, LocalDate day) {
        return history.stream().filter(p -> p.covers(day)).map(DatedValue::value).findFirst();
    }

    /**
     * The history after {@code value} holds from {@code effective} on (open-ended): the period covering that day is
     * closed the day before (or replaced when it starts that day). A period starting after the effective date would
     * overlap the new open period, so it is refused (422) rather than silently dropped. Holding the same value already
     * changes nothing.
     */
    public static List<DatedValue> changeFrom(List<DatedValue> history, UUID value, LocalDate effective, String what) {
        Optional<DatedValue> later = history.stream().filter(p -> p.from().isAfter(effective)).findFirst();
        if (later.isPresent()) {
            throw new RuleViolation("overlapping-periods", what + " from " + effective + " would overlap the later period "
                    + describe(later.get()));
        }
        List<DatedValue> next = new ArrayList<>();
        for (DatedValue period : history) {
            if (!period.covers(effective)) {
                next.add(period);
            } else if (period.value().equals(value) && period.to() == null) {
                return List.copyOf(history);
            } else if (period.from().isBefore(effective)) {
                next.add(new DatedValue(period.value(), period.from(), effective.minusDays(1)));
            }
        }
        next.add(new DatedValue(value, effective, null));
        return requireNoOverlap(next, what);
    }

    /** The history with every period still running on {@code lastDay} closed on it (deactivation, a vacancy). */
    public static List<DatedValue> endOn(List<DatedValue> history, LocalDate lastDay) {
        List<DatedValue> next = new ArrayList<>();
        for (DatedValue period : history) {
            if (period.from().isAfter(lastDay)) {
                throw new RuleViolation("overlapping-periods", "a period starts after the last day " + lastDay + ": "
                        + describe(period));
            }
            next.add(period.to() == null || period.to().isAfter(lastDay)
                    ? new DatedValue(period.value(), period.from(), lastDay) : period);
        }
        return List.copyOf(next);
    }

    private static String describe(DatedValue p) {
        return p.value() + " " + p.from() + ".." + (p.to() == null ? "" : p.to());
    }
}
