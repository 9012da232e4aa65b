package com.quota.targets.attainment;

import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/** The owner of an attainment figure: a unit or a rep. Ordered by type, then id (part of the counter lock order). */
public record Owner(OwnerType type, UUID id) implements Comparable<Owner> {

    private static final Comparator<Owner> ORDER = Comparator.comparing(Owner::type).thenComparing(Owner::id);

    public Owner {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Owner rep(UUID repId) {
        return new Owner(OwnerType.REP, repId);
    }

    public static Owner unit(UUID unitId) {
        return new Owner(OwnerType.UNIT, unitId);
    }

    @Override
    public int compareTo(Owner other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
