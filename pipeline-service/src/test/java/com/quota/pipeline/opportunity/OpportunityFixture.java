package com.quota.pipeline.opportunity;

import com.quota.pipeline.pipeline.Pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** A fresh open opportunity in stage A of the DOMAIN.md example pipeline. */
final class OpportunityFixture {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    static final Currency USD = Currency.getInstance("USD");
    static final Currency CNY = Currency.getInstance("CNY");

    private OpportunityFixture() {
    }

    static Opportunity open(Pipeline pipeline, UUID rep) {
        Opportunity opportunity = Opportunity.create(UUID.randomUUID(), UUID.randomUUID(), pipeline, "HPLC upgrade",
                new BigDecimal("180000"), USD, LocalDate.of(2026, 12, 15), Dimensions.none(), Owners.solely(rep), null,
                null, TODAY.minusDays(30), NOW.minusSeconds(30L * 86400));
        return Opportunity.restore(opportunity.id(), opportunity.accountId(), pipeline, opportunity.title(),
                opportunity.amount(), opportunity.currency(), opportunity.expectedCloseDate(), opportunity.dimensions(),
                opportunity.owners(), opportunity.stage(), opportunity.stageEnteredOn(), opportunity.status(), null, null,
                null, null, opportunity.stageHistory());
    }

    static Owners split(UUID primary, String primaryShare, UUID other, String otherShare) {
        return new Owners(List.of(new OwnerShare(primary, new BigDecimal(primaryShare), true),
                new OwnerShare(other, new BigDecimal(otherShare), false)));
    }

    static FxQuote usdToCny(String rate) {
        return new FxQuote(USD, CNY, new BigDecimal(rate), TODAY);
    }
}
