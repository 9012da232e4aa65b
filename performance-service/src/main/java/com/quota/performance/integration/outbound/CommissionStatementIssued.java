package com.quota.performance.integration.outbound;

import com.quota.money.Money;
import com.quota.money.Percentages;
import com.quota.performance.commission.CommissionPlan;
import com.quota.performance.commission.StatementLine;
import com.quota.performance.commission.Tier;
import com.quota.performance.commission.persistence.StatementRows.StatementHeader;
import com.quota.performance.commission.persistence.StatementRows.StoredLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The contract payload of CommissionStatementIssued (performance.commission.v1), built from an issued statement. */
public record CommissionStatementIssued(UUID statementId, UUID repId, UUID planId, String planName, String mode,
                                        String metric, String planPeriodKey, String statementPeriodKey, LocalDate issuedDate,
                                        String currency, MoneyJson quota, MoneyJson creditedToDate, String attainmentPercent,
                                        MoneyJson cap, MoneyJson payout, MoneyJson previousPayoutToDate,
                                        MoneyJson payoutToDate, List<Line> lines) {

    /** Money as every event writes it. */
    public record MoneyJson(String amount, String currency) {
        static MoneyJson of(Money money) {
            return money == null ? null : new MoneyJson(money.amountText(), money.currency().getCurrencyCode());
        }
    }

    /** A tier's bounds. */
    public record TierJson(String fromPercent, String toPercent) {
    }

    /** One line. */
    public record Line(UUID lineId, String kind, UUID sourceEventId, String sourceEventType, UUID opportunityId,
                       UUID contractId, LocalDate creditDate, MoneyJson creditedAmount, MoneyJson cumulativeBefore,
                       MoneyJson cumulativeAfter, TierJson tier, String ratePercent, MoneyJson payout) {
    }

    public static CommissionStatementIssued of(StatementHeader header, CommissionPlan plan, List<StoredLine> lines) {
        var currency = header.currency();
        BigDecimal quota = header.quota() == null ? BigDecimal.ZERO : header.quota();
        BigDecimal attainment = Percentages.percent(header.creditedToDate(), quota);
        Tier firstTier = plan.tiers().isEmpty()
                ? new Tier(BigDecimal.ZERO, plan.anchors().get(0).attainmentPercent().signum() == 0 ? null
                : plan.anchors().get(0).attainmentPercent(), BigDecimal.ZERO)
                : plan.tiers().get(0);
        return new CommissionStatementIssued(header.id(), header.repId(), plan.id(), plan.name(), plan.mode().name(),
                plan.metric().name(), header.planPeriodKey(), header.statementPeriodKey(), header.issuedDate(),
                currency.getCurrencyCode(), MoneyJson.of(Money.of(quota, currency)),
                MoneyJson.of(Money.of(header.creditedToDate(), currency)),
                attainment == null ? null : attainment.toPlainString(), MoneyJson.of(plan.cap()),
                MoneyJson.of(Money.of(header.payout(), currency)), MoneyJson.of(Money.of(header.previousPayout(), currency)),
                MoneyJson.of(Money.of(header.payoutToDate(), currency)),
                lines.stream().map(stored -> line(stored, firstTier)).toList());
    }

    private static Line line(StoredLine stored, Tier fallbackTier) {
        StatementLine line = stored.line();
        // without a quota nothing was paid: the line shows the bottom tier at rate 0
        Tier tier = line.tier() != null ? line.tier() : fallbackTier;
        BigDecimal rate = line.ratePercent() != null ? line.ratePercent() : BigDecimal.ZERO;
        return new Line(stored.id(), line.kind().name(), line.sourceEventId(), line.sourceEventType(), line.opportunityId(),
                line.contractId(), line.creditDate(), MoneyJson.of(line.credited()), MoneyJson.of(line.cumulativeBefore()),
                MoneyJson.of(line.cumulativeAfter()),
                new TierJson(percent(tier.fromPercent()), tier.toPercent() == null ? null : percent(tier.toPercent())),
                rate.stripTrailingZeros().toPlainString(), MoneyJson.of(line.payout()));
    }

    private static String percent(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
