package com.quota.money;

import com.quota.money.LargestRemainder.TieBreak;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LargestRemainderTest {

    private static List<BigDecimal> ds(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void ratioAllocationGivesTheSpareCentsToTheLargestRemainders() {
        // DOMAIN.md: plain rounding would give 1,000,000.01; the two spare cents go to .86 and .59
        assertThat(LargestRemainder.allocate(d("1000000.00"), ds("63", "30", "10"), 2))
                .containsExactlyElementsOf(ds("611650.48", "291262.14", "97087.38"));
    }

    @Test
    void evenDistributionOverTwelveMonthsGivesTheSpareCentsToTheEarlierMonths() {
        List<BigDecimal> months = LargestRemainder.allocate(d("1000000.00"), Collections.nCopies(12, BigDecimal.ONE), 2,
                TieBreak.EARLIER);
        assertThat(months.subList(0, 4)).containsOnly(d("83333.34"));
        assertThat(months.subList(4, 12)).containsOnly(d("83333.33"));
        assertThat(months.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(d("1000000.00"));
    }

    @Test
    void yenIsSplitInWholeYen() {
        List<Money> parts = LargestRemainder.allocate(Money.of("1000", "JPY"), ds("1", "1", "1"));
        assertThat(parts).containsExactly(Money.of("334", "JPY"), Money.of("333", "JPY"), Money.of("333", "JPY"));
        assertThat(parts.get(0).amountText()).isEqualTo("334");
        assertThat(LargestRemainder.allocate(d("100"), ds("63", "30", "10"), 0)).containsExactlyElementsOf(ds("61", "29", "10"));
    }

    @Test
    void moneyAllocationKeepsTheCurrencyAndItsScale() {
        List<Money> parts = LargestRemainder.allocate(Money.of("1000000.00", "CNY"), ds("63", "30", "10"));
        assertThat(parts).extracting(Money::amountText).containsExactly("611650.48", "291262.14", "97087.38");
        assertThat(parts).extracting(Money::currency).containsOnly(Currency.getInstance("CNY"));
    }

    @Test
    void equalRemaindersGoToTheLargerWeightThenTheEarlierChild() {
        // 0.02 over 1:3 → exact 0.005 and 0.015, equal remainders: the larger weight takes the spare cent
        assertThat(LargestRemainder.allocate(d("0.02"), ds("1", "3"), 2)).containsExactlyElementsOf(ds("0.00", "0.02"));
        // equal weights: the earlier child
        assertThat(LargestRemainder.allocate(d("0.02"), ds("1", "1", "1"), 2))
                .containsExactlyElementsOf(ds("0.01", "0.01", "0.00"));
    }

    @Test
    void earlierTieBreakIgnoresTheWeight() {
        assertThat(LargestRemainder.allocate(d("0.02"), ds("1", "3"), 2, TieBreak.EARLIER))
                .containsExactlyElementsOf(ds("0.01", "0.01"));
    }

    @Test
    void aLargerRemainderBeatsALargerWeight() {
        // 0.03 over 1:2:... exact 0.0075 / 0.0150 / 0.0075 with weights 1,2,1: remainders .75 .50 .75
        assertThat(LargestRemainder.allocate(d("0.03"), ds("1", "2", "1"), 2))
                .containsExactlyElementsOf(ds("0.01", "0.01", "0.01"));
        // 0.05 over 1,2,1 → 0.0125 / 0.025 / 0.0125: floors 1,2,1, remainders .25 .5 .25 → the middle one
        assertThat(LargestRemainder.allocate(d("0.05"), ds("1", "2", "1"), 2))
                .containsExactlyElementsOf(ds("0.01", "0.03", "0.01"));
    }

    @Test
    void zeroWeightsGetZero() {
        assertThat(LargestRemainder.allocate(d("0.05"), ds("0", "1", "0", "1"), 2))
                .containsExactlyElementsOf(ds("0.00", "0.03", "0.00", "0.02"));
    }

    @Test
    void decimalWeightsAreExact() {
        // 0.1 : 0.2 : 0.3 is 1 : 2 : 3
        assertThat(LargestRemainder.allocate(d("100.00"), ds("0.1", "0.2", "0.3"), 2))
                .isEqualTo(LargestRemainder.allocate(d("100.00"), ds("1", "2", "3"), 2))
                .containsExactlyElementsOf(ds("16.67", "33.33", "50.00"));
    }

    @Test
    void aNegativeTotalIsTheExactNegationOfThePositiveSplit() {
        assertThat(LargestRemainder.allocate(d("-1000000.00"), ds("63", "30", "10"), 2))
                .containsExactlyElementsOf(ds("-611650.48", "-291262.14", "-97087.38"));
        assertThat(LargestRemainder.allocate(d("-0.02"), ds("1", "3"), 2)).containsExactlyElementsOf(ds("0.00", "-0.02"));
    }

    @Test
    void aTotalWrittenWithFewerDecimalsIsTakenAtTheScale() {
        assertThat(LargestRemainder.allocate(d("100"), ds("1", "1", "1"), 2))
                .containsExactlyElementsOf(ds("33.34", "33.33", "33.33"));
    }

    @Test
    void splitSharesTiesGoToTheLargerShareThenThePrimaryOwnerThenOwnerOrder() {
        // 25/75 of 0.02: remainders equal, the larger share wins even against the primary owner
        assertThat(LargestRemainder.splitByShares(d("0.02"), ds("25", "75"), 0, 2)).containsExactlyElementsOf(ds("0.00", "0.02"));
        // 50/50 of 0.01: the primary owner
        assertThat(LargestRemainder.splitByShares(d("0.01"), ds("50", "50"), 1, 2)).containsExactlyElementsOf(ds("0.00", "0.01"));
        assertThat(LargestRemainder.splitByShares(d("0.01"), ds("50", "50"), 0, 2)).containsExactlyElementsOf(ds("0.01", "0.00"));
        // 20/40/40 of 0.01 with the primary owner at 20: the earlier of the two 40s
        assertThat(LargestRemainder.splitByShares(d("0.01"), ds("20", "40", "40"), 0, 2))
                .containsExactlyElementsOf(ds("0.00", "0.01", "0.00"));
        assertThat(LargestRemainder.splitByShares(d("0.01"), ds("20", "40", "40"), 2, 2))
                .containsExactlyElementsOf(ds("0.00", "0.00", "0.01"));
        // 40/30/30 of 0.02: the largest remainder first (0.8 of a cent), then the primary of the tied 30s
        assertThat(LargestRemainder.splitByShares(d("0.02"), ds("40", "30", "30"), 2, 2))
                .containsExactlyElementsOf(ds("0.01", "0.00", "0.01"));
    }

    @Test
    void splitByShareCreditsAnOpportunityToTheCent() {
        List<Money> credit = LargestRemainder.splitByShares(Money.of("12345.67", "CNY"), ds("60", "25", "15"), 0);
        // exact 7407.402 / 3086.4175 / 1851.8505 → floors sum to 12345.66; the spare cent to the largest remainder, .75 of a cent
        assertThat(credit).extracting(Money::amountText).containsExactly("7407.40", "3086.42", "1851.85");
        List<Money> reversal = LargestRemainder.splitByShares(Money.of("-12345.67", "CNY"), ds("60", "25", "15"), 0);
        assertThat(reversal).containsExactlyElementsOf(credit.stream().map(Money::negate).toList());
    }

    @Test
    void badWeightsAreIllegalArguments() {
        assertThatThrownBy(() -> LargestRemainder.allocate(d("1.00"), List.of(), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no weights");
        assertThatThrownBy(() -> LargestRemainder.allocate(d("1.00"), ds("0", "0.00"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all weights are zero");
        assertThatThrownBy(() -> LargestRemainder.allocate(d("1.00"), ds("1", "-1"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> LargestRemainder.allocate(d("1.00"), Arrays.asList(BigDecimal.ONE, null), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> LargestRemainder.allocate(d("1.005"), ds("1"), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimals");
        assertThatThrownBy(() -> LargestRemainder.allocate(d("1"), ds("1"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badSharesAreIllegalArguments() {
        assertThatThrownBy(() -> LargestRemainder.splitByShares(d("1.00"), ds("60", "30"), 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 100");
        assertThatThrownBy(() -> LargestRemainder.splitByShares(d("1.00"), ds("60", "40"), 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary");
        assertThatThrownBy(() -> LargestRemainder.splitByShares(d("1.00"), ds("110", "-10"), 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
