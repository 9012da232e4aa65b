package com.quota.pipeline.opportunity;

import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.RuleViolationException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The owners of a deal: at least one, each rep once, splits above 0 at most 2 decimals summing to 100, one primary. */
public record Owners(List<OwnerShare> shares) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Owners {
        if (shares == null || shares.isEmpty()) {
            throw new InvalidInputException("owners", "at least one owner is required");
        }
        shares = List.copyOf(shares);
        Set<UUID> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        int primaries = 0;
        for (OwnerShare share : shares) {
            if (share.repId() == null || share.splitPercent() == null) {
                throw new InvalidInputException("owners", "every owner needs repId and splitPercent");
            }
            if (!seen.add(share.repId())) {
                throw new RuleViolationException("owners-invalid", "rep " + share.repId() + " is an owner twice");
            }
            if (share.splitPercent().signum() <= 0 || share.splitPercent().compareTo(HUNDRED) > 0
                    || share.splitPercent().stripTrailingZeros().scale() > 2) {
                throw new RuleViolationException("splits-invalid",
                        "every split must be above 0 and at most 100 with at most 2 decimals");
            }
            sum = sum.add(share.splitPercent());
            if (share.primary()) {
                primaries++;
            }
        }
        if (sum.compareTo(HUNDRED) != 0) {
            throw new RuleViolationException("splits-invalid", "splits must sum to 100, not " + sum.stripTrailingZeros().toPlainString());
        }
        if (primaries != 1) {
            throw new RuleViolationException("owners-invalid", "exactly one owner must be primary, not " + primaries);
        }
    }

    /** A single owner with 100%. */
    public static Owners solely(UUID repId) {
        return new Owners(List.of(new OwnerShare(repId, HUNDRED, true)));
    }

    public UUID primaryRepId() {
        return shares.stream().filter(OwnerShare::primary).findFirst().orElseThrow().repId();
    }

    public List<UUID> repIds() {
        return shares.stream().map(OwnerShare::repId).toList();
    }

    /** Same reps, same splits, same primary, in any order. */
    public boolean sameAs(Owners other) {
        return Set.copyOf(shares.stream().map(Owners::normalized).toList())
                .equals(Set.copyOf(other.shares.stream().map(Owners::normalized).toList()));
    }

    private static OwnerShare normalized(OwnerShare s) {
        return new OwnerShare(s.repId(), s.splitPercent().stripTrailingZeros(), s.primary());
    }
}
