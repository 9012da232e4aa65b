package com.quota.pipeline.account;

/**
 * The customer pool's rules: at most {@code claimsPerRepPerDay} claims per rep per day; a previous owner may not
 * re-claim an account for {@code reclaimCooldownDays}; an owned account with no follow-up for
 * {@code recycleAfterDays} returns to the pool (0 switches recycling off).
 */
public record PickRules(int claimsPerRepPerDay, int reclaimCooldownDays, int recycleAfterDays) {

    public static PickRules defaults() {
        return new PickRules(5, 30, 90);
    }
}
