package com.quota.pipeline.integration.outbound;

import com.quota.eventcontracts.EventType;
import com.quota.messaging.outbox.OutboxMessage;
import com.quota.pipeline.opportunity.Dimensions;
import com.quota.pipeline.opportunity.FxQuote;
import com.quota.pipeline.opportunity.Opportunity;
import com.quota.pipeline.opportunity.OpportunityChange;
import com.quota.pipeline.opportunity.OwnerShare;
import com.quota.pipeline.opportunity.application.ActivityRecord;
import com.quota.pipeline.opportunity.Owners;
import com.quota.pipeline.pipeline.Stage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the integration events of pipeline.opportunity.v1 from an opportunity and one of its changes, in the
 * shapes of event-contracts (money as decimal strings, the reporting amount and its rate beside the deal's own).
 */
public final class OpportunityEvents {

    /** Who caused the change. */
    public record Actor(String subject, UUID repId) {
    }

    /** What the payloads need beside the opportunity: the account's name, the rate for the event date, who. */
    public record Context(String accountName, FxQuote indicativeFx, Actor actor, boolean firstWinOfAccount, Instant at) {
    }

    private OpportunityEvents() {
    }

    /** The event for one change, or empty when the change has no integration event (suspend, update, ...). */
    public static Optional<OutboxMessage> of(Opportunity o, OpportunityChange change, Context context) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("opportunityId", o.id().toString());
        p.put("accountId", o.accountId().toString());
        p.put("pipelineId", o.pipeline().id().toString());
        EventType type;
        if (change instanceof OpportunityChange.Created created) {
            type = EventType.OPPORTUNITY_CREATED;
            p.put("accountName", context.accountName());
            p.put("title", o.title());
            p.put("stage", stage(o.stage()));
            p.put("status", o.status().name());
            p.put("owners", owners(o.owners()));
            amounts(p, o, context.indicativeFx());
            p.put("expectedCloseDate", date(o.expectedCloseDate()));
            p.put("dimensions", dimensions(o.dimensions()));
            p.put("externalRef", o.externalRef());
            p.put("createdBy", actor(context.actor()));
        } else if (change instanceof OpportunityChange.StageChanged moved) {
            type = EventType.OPPORTUNITY_STAGE_CHANGED;
            p.put("fromStage", stage(moved.from()));
            p.put("toStage", stage(moved.to()));
            p.put("direction", moved.advanced() ? "ADVANCED" : "MOVED_BACK");
            p.put("daysInFromStage", moved.daysInFromStage());
            p.put("status", o.status().name());
            p.put("owners", owners(o.owners()));
            amounts(p, o, context.indicativeFx());
            p.put("expectedCloseDate", date(o.expectedCloseDate()));
            p.put("dimensions", dimensions(o.dimensions()));
            p.put("changedBy", actor(context.actor()));
        } else if (change instanceof OpportunityChange.Won won) {
            type = EventType.OPPORTUNITY_WON;
            p.put("accountName", context.accountName());
            p.put("title", o.title());
            p.put("stage", stage(o.stage()));
            p.put("status", o.status().name());
            p.put("owners", owners(o.owners()));
            p.put("amount", money(o.amount(), o.currency()));
            p.put("reportingAmount", money(won.reportingAmount(), won.fx().reportingCurrency()));
            p.put("fxRate", rate(won.fx().rate()));
            p.put("fxRateDate", won.fx().rateDate().toString());
            p.put("closeDate", won.closeDate().toString());
            p.put("dimensions", dimensions(o.dimensions()));
            p.put("firstWinOfAccount", context.firstWinOfAccount());
            p.put("winReason", won.reason());
            p.put("externalRef", o.externalRef());
            p.put("wonBy", actor(context.actor()));
        } else if (change instanceof OpportunityChange.Lost lost) {
            type = EventType.OPPORTUNITY_LOST;
            p.put("title", o.title());
            p.put("stage", stage(o.stage()));
            p.put("previousStage", stage(lost.previousStage()));
            p.put("status", o.status().name());
            p.put("owners", owners(o.owners()));
            amounts(p, o, context.indicativeFx());
            p.put("closeDate", lost.closeDate().toString());
            p.put("dimensions", dimensions(o.dimensions()));
            p.put("lossReason", lost.reason());
            p.put("competitor", lost.competitor());
            p.put("externalRef", o.externalRef());
            p.put("lostBy", actor(context.actor()));
        } else if (change instanceof OpportunityChange.Reopened reopened) {
            type = EventType.OPPORTUNITY_REOPENED;
            p.put("previousStatus", reopened.previousStatus().name());
            p.put("previousCloseDate", reopened.previousCloseDate().toString());
            p.put("reopenDate", reopened.reopenDate().toString());
            p.put("stage", stage(o.stage()));
            p.put("status", o.status().name());
            p.put("owners", owners(o.owners()));
            if (reopened.fixedFx() != null) {
                // a reopened win reverses exactly what was credited: the amount fixed at the win
                p.put("amount", money(o.amount(), o.currency()));
                p.put("reportingAmount", money(reopened.fixedReportingAmount(), reopened.fixedFx().reportingCurrency()));
                p.put("fxRate", rate(reopened.fixedFx().rate()));
            } else {
                amounts(p, o, context.indicativeFx());
            }
            p.put("dimensions", dimensions(o.dimensions()));
            p.put("reason", reopened.reason());
            p.put("reopenedBy", actor(context.actor()));
        } else if (change instanceof OpportunityChange.Transferred transferred) {
            type = EventType.OPPORTUNITY_TRANSFERRED;
            p.put("kind", transferred.kind().name());
            p.put("previousOwners", owners(transferred.previousOwners()));
            p.put("owners", owners(transferred.owners()));
            p.put("reason", transferred.reason());
            p.put("effectiveDate", transferred.effectiveDate().toString());
            p.put("stage", stage(o.stage()));
            p.put("status", o.status().name());
            if (o.wonFx() != null) {
                p.put("amount", money(o.amount(), o.currency()));
                p.put("reportingAmount", money(o.wonReportingAmount(), o.wonFx().reportingCurrency()));
                p.put("fxRate", rate(o.wonFx().rate()));
            } else {
                amounts(p, o, context.indicativeFx());
            }
            p.put("dimensions", dimensions(o.dimensions()));
            p.put("transferredBy", actor(context.actor()));
        } else {
            return Optional.empty();

        }
        return Optional.of(OutboxMessage.of(type, o.id()).payload(p).occurredAt(context.at()).build());
    }

    /** OpportunityActivityLogged: a follow-up with its cost and the reporting cost fixed when it was logged. */
    public static OutboxMessage activityLogged(Opportunity o, ActivityRecord activity, Actor actor) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("activityId", activity.id().toString());
        p.put("opportunityId", o.id().toString());
        p.put("accountId", o.accountId().toString());
        p.put("pipelineId", o.pipeline().id().toString());
        p.put("status", o.status().name());
        p.put("owners", owners(o.owners()));
        p.put("kind", activity.kind());
        p.put("occurredOn", activity.occurredOn().toString());
        boolean costed = activity.costAmount() != null;
        p.put("cost", costed ? money(activity.costAmount(), Currency.getInstance(activity.costCurrency())) : null);
        p.put("reportingCost", costed ? money(activity.reportingCostAmount(), Currency.getInstance(activity.reportingCurrency())) : null);
        p.put("fxRate", costed ? rate(activity.fxRate()) : null);
        p.put("fxRateDate", costed ? activity.fxRateDate().toString() : null);
        p.put("loggedBy", actor(actor));
        return OutboxMessage.of(EventType.OPPORTUNITY_ACTIVITY_LOGGED, o.id()).payload(p).occurredAt(activity.createdAt()).build();
    }

    private static void amounts(Map<String, Object> p, Opportunity o, FxQuote fx) {
        p.put("amount", money(o.amount(), o.currency()));
        p.put("reportingAmount", money(fx.convert(o.amount()), fx.reportingCurrency()));
        p.put("fxRate", rate(fx.rate()));
    }

    /** A stage as the contracts write it. */
    public static Map<String, Object> stage(Stage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stageId", s.id().toString());
        m.put("name", s.name());
        m.put("probability", s.probability());
        m.put("forecastCategory", s.forecastCategory().name());
        if (s.closedAs() != null) {
            m.put("closedAs", s.closedAs().name());
        }
        return m;
    }

    /** Owners as the contracts write them: repId, splitPercent (decimal string), primary. */
    public static List<Map<String, Object>> owners(Owners owners) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (OwnerShare share : owners.shares()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("repId", share.repId().toString());
            m.put("splitPercent", share.splitPercent().stripTrailingZeros().toPlainString());
            m.put("primary", share.primary());
            list.add(m);
        }
        return list;
    }

    static Map<String, Object> money(BigDecimal amount, Currency currency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", amount.setScale(currency.getDefaultFractionDigits()).toPlainString());
        m.put("currency", currency.getCurrencyCode());
        return m;
    }

    static String rate(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString();
    }

    static Map<String, Object> dimensions(Dimensions d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("productLine", d.productLine());
        m.put("region", d.region());
        m.put("channel", d.channel());
        m.put("customerSegment", d.customerSegment());
        return m;
    }

    static Map<String, Object> actor(Actor actor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", actor.subject());
        m.put("repId", actor.repId() == null ? null : actor.repId().toString());
        return m;
    }

    static String date(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }
}
