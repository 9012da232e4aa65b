package com.quota.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void amountIsHeldAtTheCurrencysMinorUnit() {
        assertThat(Money.of("12500", "CNY").amountText()).isEqualTo("12500.00");
        assertThat(Money.of("12500", "JPY").amountText()).isEqualTo("12500");
        assertThat(Money.of(new BigDecimal("1E+3"), CNY).amountText()).isEqualTo("1000.00");
    }

    @Test
    void extraDecimalsAreRoundedHalfEven() {
        assertThat(Money.of("0.125", "CNY").amountText()).isEqualTo("0.12");
        assertThat(Money.of("0.135", "CNY").amountText()).isEqualTo("0.14");
        assertThat(Money.of("-0.125", "CNY").amountText()).isEqualTo("-0.12");
        assertThat(Money.of("100.5", "JPY").amountText()).isEqualTo("100");
        assertThat(Money.of("101.5", "JPY").amountText()).isEqualTo("102");
    }

    @Test
    void equalAmountsWrittenDifferentlyAreEqual() {
        assertThat(Money.of("12.5", "CNY")).isEqualTo(Money.of("12.50", "CNY"));
        assertThat(Money.of("12.5", "CNY")).hasSameHashCodeAs(Money.of("12.500", "CNY"));
        assertThat(Money.of("12.50", "CNY")).isNotEqualTo(Money.of("12.50", "USD"));
    }

    @Test
    void ofExactRefusesAmountsFinerThanTheMinorUnit() {
        assertThat(Money.ofExact(new BigDecimal("12.50"), CNY).amountText()).isEqualTo("12.50");
        assertThat(Money.ofExact(new BigDecimal("12.5000"), CNY).amountText()).isEqualTo("12.50");
        assertThatThrownBy(() -> Money.ofExact(new BigDecimal("12.345"), CNY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNY");
        assertThatThrownBy(() -> Money.ofExact(new BigDecimal("1.5"), JPY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticStaysInOneCurrency() {
        Money a = Money.of("100.10", "CNY");
        Money b = Money.of("0.95", "CNY");
        assertThat(a.plus(b)).isEqualTo(Money.of("101.05", "CNY"));
        assertThat(a.minus(b)).isEqualTo(Money.of("99.15", "CNY"));
        assertThat(b.minus(a)).isEqualTo(Money.of("-99.15", "CNY"));
        assertThat(a.negate()).isEqualTo(Money.of("-100.10", "CNY"));
        assertThat(Money.zero(CNY).amountText()).isEqualTo("0.00");
        assertThatThrownBy(() -> a.plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNY").hasMessageContaining("USD");
        assertThatThrownBy(() -> a.minus(Money.of("1", "USD"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesRoundsTheExactProductHalfEvenToTheMinorUnit() {
        // 12,345.67 × 0.35 = 4,320.9845 → 4,320.98
        assertThat(Money.of("12345.67", "CNY").times(new BigDecimal("0.35"))).isEqualTo(Money.of("4320.98", "CNY"));
        // 0.25 × 0.5 = 0.125 → 0.12 (half to even)
        assertThat(Money.of("0.25", "CNY").times(new BigDecimal("0.5"))).isEqualTo(Money.of("0.12", "CNY"));
        assertThat(Money.of("333", "JPY").times(new BigDecimal("0.5"))).isEqualTo(Money.of("166", "JPY"));
    }

    @Test
    void signQueries() {
        assertThat(Money.zero(CNY).isZero()).isTrue();
        assertThat(Money.of("-0.01", "CNY").isNegative()).isTrue();
        assertThat(Money.of("-0.01", "CNY").signum()).isEqualTo(-1);
        assertThat(Money.of("0.01", "CNY").isPositive()).isTrue();
        assertThat(Money.of("0.001", "CNY").isZero()).isTrue();
    }

    @Test
    void compareToOrdersSameCurrencyAndRefusesMixedCurrencies() {
        assertThat(Money.of("1.00", "CNY")).isLessThan(Money.of("1.01", "CNY"));
        assertThat(Money.of("1", "CNY").compareTo(Money.of("1.00", "CNY"))).isZero();
        assertThatThrownBy(() -> Money.of("1", "CNY").compareTo(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amountTextIsPlainNeverExponent() {
        assertThat(Money.of(new BigDecimal("1.2E+7"), CNY).amountText()).isEqualTo("12000000.00");
        assertThat(Money.of("0.00000001", "CNY").amountText()).isEqualTo("0.00");
        assertThat(Money.of("12500.00", "CNY")).hasToString("12500.00 CNY");
    }

    @Test
    void badInputIsAnIllegalArgument() {
        assertThatThrownBy(() -> Money.of("12,500.00", "CNY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12,500.00");
        assertThatThrownBy(() -> Money.of("1", "XYZ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XYZ");
        assertThatThrownBy(() -> Money.of("1", "XAU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minor unit");
        assertThatThrownBy(() -> new Money(null, CNY)).isInstanceOf(NullPointerException.class);
    }
}
