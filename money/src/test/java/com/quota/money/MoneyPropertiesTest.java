package com.quota.money;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Properties of Money and Percentages over random amounts. */
class MoneyPropertiesTest {

    private static final Gen<String> CURRENCIES = integers().between(0, 3).map(i -> List.of("CNY", "USD", "JPY", "BHD").get(i));
    private static final Gen<BigDecimal> AMOUNTS = longs().between(-1_000_000_000_000L, 1_000_000_000_000L)
            .zip(integers().between(0, 6), BigDecimal::valueOf);

    @Test
    void anAmountIsRoundedToWithinHalfAMinorUnitAndTheTextParsesBack() {
        qt().withExamples(2000).forAll(AMOUNTS, CURRENCIES).checkAssert((amount, code) -> {
            Money money = Money.of(amount.toPlainString(), code);
            int digits = money.currency().getDefaultFractionDigits();
            assertThat(money.amount().scale()).isEqualTo(digits);
            assertThat(money.amount().subtract(amount).abs()).isLessThanOrEqualTo(BigDecimal.valueOf(5, digits + 1));
            assertThat(Money.of(money.amountText(), code)).isEqualTo(money);
        });
    }

    @Test
    void plusAndMinusAreExactAndNegateIsItsOwnInverse() {
        qt().withExamples(2000).forAll(AMOUNTS, AMOUNTS, CURRENCIES).checkAssert((x, y, code) -> {
            Money a = Money.of(x.toPlainString(), code);
            Money b = Money.of(y.toPlainString(), code);
            assertThat(a.plus(b).amount()).isEqualTo(a.amount().add(b.amount()));
            assertThat(a.plus(b).minus(b)).isEqualTo(a);
            assertThat(a.minus(b)).isEqualTo(b.minus(a).negate());
            assertThat(a.negate().negate()).isEqualTo(a);
            assertThat(a.plus(a.negate()).isZero()).isTrue();
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(a.amount().compareTo(b.amount()));
        });
    }

    @Test
    void percentIsWithinHalfAHundredthOfTheExactRatioAndNullOnlyForAZeroBase() {
        qt().withExamples(2000).forAll(AMOUNTS, AMOUNTS).checkAssert((part, base) -> {
            BigDecimal percent = Percentages.percent(part, base);
            if (base.signum() == 0) {
                assertThat(percent).isNull();
                return;
            }
            assertThat(percent.scale()).isEqualTo(2);
            // |percent × base − part × 100| ≤ 0.005 × |base|, without dividing
            assertThat(percent.multiply(base).subtract(part.multiply(BigDecimal.valueOf(100))).abs())
                    .isLessThanOrEqualTo(new BigDecimal("0.005").multiply(base.abs()));
        });
    }
}
