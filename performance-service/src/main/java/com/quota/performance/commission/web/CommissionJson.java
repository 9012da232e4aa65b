package com.quota.performance.commission.web;

import com.quota.api.problem.ApiProblem;
import com.quota.money.Money;
import com.quota.performance.commission.CommissionMetric;
import com.quota.performance.commission.CommissionPlan;
import com.quota.performance.commission.PlanMode;
import com.quota.performance.commission.PlanPeriod;
import com.quota.performance.commission.RateAnchor;
import com.quota.performance.commission.StatementLine;
import com.quota.performance.commission.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the commission API. */
final class CommissionJson {

    private CommissionJson() {
    }

    /** Money as the API writes it. */
    record MoneyJson(String amount, String currency) {
        static MoneyJson of(Money money) {
            return money == null ? null : new MoneyJson(money.amountText(), money.currency().getCurrencyCode());
        }
    }

    record TierJson(BigDecimal fromPercent, BigDecimal toPercent, BigDecimal ratePercent) {
    }

    record AnchorJson(BigDecimal attainmentPercent, BigDecimal ratePercent) {
    }

    /** A plan to create or the new terms of one (with an optional reason for the audit trail). */
    record PlanRequest(String name, String metric, String mode, String period, String currency, List<TierJson> tiers,
                       List<AnchorJson> anchors, MoneyJson cap, Integer clawbackWindowDays, LocalDate effectiveFrom,
                       LocalDate effectiveTo, String reason) {

        CommissionPlan toPlan(UUID id) {
            if (name == null || name.isBlank()) {
                throw ApiProblem.invalidField("name", "a plan needs a name");
            }
            if (effectiveFrom == null) {
                throw ApiProblem.invalidField("effectiveFrom", "required");
            }
            Currency money = CommissionJson.currency(currency == null ? "CNY" : currency, "currency");
            Money capMoney = null;
            if (cap != null) {
                try {
                    capMoney = Money.ofExact(new BigDecimal(cap.amount()), CommissionJson.currency(cap.currency(), "cap.currency"));
                } catch (RuntimeException e) {
                    throw ApiProblem.invalidField("cap.amount", "a decimal amount in the currency's minor unit");
                }
            }
            List<Tier> tierList = tiers == null ? List.of() : tiers.stream().map(t -> {
                if (t == null || t.fromPercent() == null || t.ratePercent() == null) {
                    throw ApiProblem.invalidField("tiers", "every tier needs fromPercent and ratePercent");
                }
                return new Tier(t.fromPercent(), t.toPercent(), t.ratePercent());
            }).toList();
            List<RateAnchor> anchorList = anchors == null ? List.of() : anchors.stream().map(a -> {
                if (a == null || a.attainmentPercent() == null || a.ratePercent() == null) {
                    throw ApiProblem.invalidField("anchors", "every anchor needs attainmentPercent and ratePercent");
                }
                return new RateAnchor(a.attainmentPercent(), a.ratePercent());
            }).toList();
            return new CommissionPlan(id, name, enumOf(CommissionMetric.class, metric, "metric", CommissionMetric.BOOKINGS),
                    enumOf(PlanMode.class, mode, "mode", PlanMode.STEP), enumOf(PlanPeriod.class, period, "period", PlanPeriod.YEAR),
                    money, tierList, anchorList, capMoney, clawbackWindowDays == null ? 90 : clawbackWindowDays,
                    effectiveFrom, effectiveTo);
        }
    }

    record PlanView(UUID id, String name, String metric, String mode, String period, String currency, List<TierJson> tiers,
                    List<AnchorJson> anchors, MoneyJson cap, int clawbackWindowDays, LocalDate effectiveFrom,
                    LocalDate effectiveTo, long version) {
        static PlanView of(CommissionPlan plan, long version) {
            return new PlanView(plan.id(), plan.name(), plan.metric().name(), plan.mode().name(), plan.period().name(),
                    plan.currency().getCurrencyCode(),
                    plan.tiers().stream().map(t -> new TierJson(t.fromPercent(), t.toPercent(), t.ratePercent())).toList(),
                    plan.anchors().stream().map(a -> new AnchorJson(a.attainmentPercent(), a.ratePercent())).toList(),
                    MoneyJson.of(plan.cap()), plan.clawbackWindowDays(), plan.effectiveFrom(), plan.effectiveTo(), version);
        }
    }

    record AssignmentRequest(UUID repId, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    record AssignmentView(UUID id, UUID planId, UUID repId, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    /** Approving a rep's statement for a period; {@code externalRef} (optional, unique) finds it again later. */
    record IssueRequest(UUID repId, String periodKey, String externalRef) {
    }

    /** A statement line: anyone can recompute the payout from the credited amount, the cumulative figures and the rate. */
    record LineView(UUID lineId, String kind, UUID sourceEventId, String sourceEventType, UUID opportunityId, UUID contractId,
                    LocalDate creditDate, MoneyJson creditedAmount, MoneyJson cumulativeBefore, MoneyJson cumulativeAfter,
                    TierJson tier, BigDecimal ratePercent, MoneyJson payout) {
        static LineView of(UUID id, StatementLine line) {
            return new LineView(id, line.kind().name(), line.sourceEventId(), line.sourceEventType(), line.opportunityId(),
                    line.contractId(), line.creditDate(), MoneyJson.of(line.credited()), MoneyJson.of(line.cumulativeBefore()),
                    MoneyJson.of(line.cumulativeAfter()),
                    line.tier() == null ? null : new TierJson(line.tier().fromPercent(), line.tier().toPercent(), line.ratePercent()),
                    line.ratePercent(), MoneyJson.of(line.payout()));
        }
    }

    record StatementView(UUID id, UUID repId, UUID planId, String planPeriodKey, String statementPeriodKey, String status,
                         LocalDate issuedDate, MoneyJson quota, MoneyJson creditedToDate, BigDecimal attainmentPercent,
                         MoneyJson payout, MoneyJson previousPayoutToDate, MoneyJson payoutToDate, List<LineView> lines) {
    }

    record EstimateView(UUID planId, String mode, String planPeriodKey, MoneyJson quota, MoneyJson cumulativeBefore,
                        MoneyJson cumulativeAfter, TierJson tier, BigDecimal ratePercent, MoneyJson payout) {
    }

    static Currency currency(String code, String field) {
        try {
            return Currency.getInstance(code);
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField(field, "an ISO 4217 currency code, e.g. CNY");
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
