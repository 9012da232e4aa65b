package com.quota.targets.definition.integration;

import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.resourceserver.Caller;
import com.quota.targets.definition.Dimensions;
import com.quota.targets.definition.LevelAmounts;
import com.quota.targets.definition.MonthlyAmounts;
import com.quota.targets.definition.TargetLevel;
import com.quota.targets.definition.persistence.TargetRow;
import com.quota.targets.definition.persistence.VersionRow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code TargetPublished} v1 on {@code targets.target.v1}: the published version with every level's year, quarters and months. */
public final class TargetEvents {

    public record TargetPublished(UUID targetId, int version, UUID planId, UUID parentTargetId, String fiscalYear,
                                  String metric, Owner owner, Dimensions dimensions, String currency, LocalDate effectiveFrom,
                                  String reason, List<Level> levels, Actor publishedBy) {
    }

    public record Owner(String type, UUID id) {
    }

    public record Measure(String amount, String currency) {
    }

    public record Period(String periodKey, Measure amount) {
    }

    public record Level(String level, Measure annual, List<Period> quarters, List<Period> months) {
    }

    public record Actor(String subject, UUID repId) {
    }

    private TargetEvents() {
    }

    public static OutboxMessage published(TargetRow target, VersionRow version, LevelAmounts amounts, Caller by) {
        List<Level> levels = new ArrayList<>();
        for (TargetLevel level : TargetLevel.values()) {
            MonthlyAmounts months = amounts.levels().get(level);
            if (months == null) {
                continue;
            }
            String fy = "FY" + target.fiscalYear();
            List<Period> quarters = new ArrayList<>();
            for (int q = 1; q <= 4; q++) {
                quarters.add(new Period(fy + "-Q" + q, measure(months.quarter(q), target.currency())));
            }
            List<Period> monthList = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                monthList.add(new Period(fy + String.format("-M%02d", m), measure(months.month(m), target.currency())));
            }
            levels.add(new Level(level.name(), measure(months.year(), target.currency()), quarters, monthList));
        }
        TargetPublished payload = new TargetPublished(target.id(), version.number(), null, target.parentTargetId(),
                "FY" + target.fiscalYear(), target.metric().name(), new Owner(target.ownerType().name(), target.ownerId()),
                target.dimensions(), target.currency(), version.effectiveFrom(), version.reason(), levels,
                new Actor(by.sub(), by.repId()));
        return OutboxMessage.of(EventType.TARGET_PUBLISHED, target.id()).payload(payload).build();
    }

    private static Measure measure(BigDecimal amount, String currency) {
        return new Measure(amount.toPlainString(), currency);
    }
}
