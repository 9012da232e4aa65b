package com.quota.targets.attainment;

import com.quota.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Small builders for attainment tests. */
final class AttainmentFixtures {

    static final Dimensions ANALYZERS_EAST = new Dimensions("ANALYZERS", "EAST", "DIRECT", "ENTERPRISE");

    private AttainmentFixtures() {
    }

    static UUID id(int n) {
        return new UUID(0x1000L, n);
    }

    static OwnerShare share(UUID rep, String percent, boolean primary) {
        return new OwnerShare(rep, new BigDecimal(percent), primary);
    }

    static SourceEvent.OpportunityWin win(UUID eventId, UUID opportunity, String amount, LocalDate closeDate,
                                          boolean firstWin, OwnerShare... owners) {
        return new SourceEvent.OpportunityWin(eventId, opportunity, id(900), List.of(owners), Money.of(amount, "CNY"),
                closeDate, ANALYZERS_EAST, firstWin);
    }
}
