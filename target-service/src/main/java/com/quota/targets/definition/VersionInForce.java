package com.quota.targets.definition;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which version of a target is in force on a date: the latest published version effective on it. */
public final class VersionInForce {

    /** What the rule needs to know of a version. */
    public record PublishedVersion(int version, TargetStatus status, LocalDate effectiveFrom) {
    }

    private VersionInForce() {
    }

    public static Optional<PublishedVersion> on(List<PublishedVersion> versions, LocalDate asOf) {
        return versions.stream()
                .filter(v -> v.status() == TargetStatus.PUBLISHED)
                .filter(v -> !v.effectiveFrom().isAfter(asOf))
                .max(Comparator.comparingInt(PublishedVersion::version));
    }
}
