package com.quota.performance.kpi;

import com.quota.money.Percentages;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What the opportunities of a rep (or a team) give the KPIs of one period: deals won and lost with a close date in
 * the period, the owners' share of the won amount (reporting currency), their sales cycles, the account-first wins
 * of the primary owner, and the deals open now.
 *
 * @param won           deals won in the period
 * @param lost          deals lost in the period
 * @param firstWins     won deals that were their account's first win, counted for the primary owner
 * @param wonAmount     Σ reporting amount × the owners' split ÷ 100 of the won deals
 * @param cycleDays     Σ days from opening to the win (at least 1 each) of the won deals whose opening is known
 * @param cycles        how many won deals {@code cycleDays} covers
 * @param open          deals open now
 * @param opened        deals opened (OpportunityCreated, company-zone day) in the period
 * @param openedWon     of those, the deals won now
 */
public record DealFigures(long won, long lost, long firstWins, BigDecimal wonAmount, long cycleDays, long cycles, long open,
                          long opened, long openedWon) {

    /** No deals at all. */
    public static final DealFigures NONE = new DealFigures(0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0);

    /**
     * Conversion rate: of the deals opened in the period, the share won (their latest state) × 100, HALF_EVEN 2
     * decimals; null when none was opened. Unlike the win rate (closes of the period), it follows the period's new
     * pipeline to its outcome.
     */
    public BigDecimal conversionRatePercent() {
        return Percentages.percent(BigDecimal.valueOf(openedWon), BigDecimal.valueOf(opened));
    }

    /** Cost ratio: cost ÷ bookings × 100, HALF_EVEN 2 decimals; null without bookings (lower is better). */
    public static BigDecimal costRatioPercent(BigDecimal cost, BigDecimal bookings) {
        if (cost == null || bookings == null || bookings.signum() <= 0) {
            return null;
        }
        return Percentages.percent(cost, bookings);
    }

    /** won ÷ (won + lost) × 100, HALF_EVEN 2 decimals; null with no closed deal (DOMAIN.md: a percentage of nothing is null). */
    public BigDecimal winRatePercent() {
        return Percentages.percent(BigDecimal.valueOf(won), BigDecimal.valueOf(won + lost));
    }

    /**
     * Sales velocity (DOMAIN.md): open deals × average won amount × win rate ÷ average cycle days, money per day,
     * computed exactly and rounded once HALF_EVEN to 2 decimals; null without a won deal with a known cycle.
     */
    public BigDecimal salesVelocity() {
        if (won == 0 || cycles == 0 || cycleDays == 0) {
            return null;
        }
        MathContext exact = MathContext.DECIMAL128;
        BigDecimal averageWon = wonAmount.divide(BigDecimal.valueOf(won), exact);
        BigDecimal winRate = BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), exact);
        BigDecimal averageCycle = BigDecimal.valueOf(cycleDays).divide(BigDecimal.valueOf(cycles), exact);
        return BigDecimal.valueOf(open).multiply(averageWon).multiply(winRate)
                .divide(averageCycle, exact).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Accounts won for the first time. */
    public BigDecimal newCustomers() {
        return BigDecimal.valueOf(firstWins);
    }
}
