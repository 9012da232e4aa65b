package com.quota.contract.approval;

import com.quota.contract.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static com.quota.contract.approval.ApproverRole.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/** Approval chains by value thresholds: bands never overlap, the chain is the covering band's steps. */
class ApprovalPolicyTest {

    static ApprovalRule rule(String above, String upTo, ApproverRole... steps) {
        return new ApprovalRule(UUID.randomUUID(), new BigDecimal(above), upTo == null ? null : new BigDecimal(upTo), List.of(steps), 0);
    }

    static final ApprovalPolicy DOMAIN_EXAMPLE = ApprovalPolicy.of(List.of(
            rule("1000000", null, DIRECTOR, ADMIN),
            rule("0", "100000", MANAGER),
            rule("100000", "1000000", DIRECTOR)));

    @Test
    void chainFollowsTheDomainExampleThresholds() {
        assertThat(DOMAIN_EXAMPLE.chainFor(new BigDecimal("0"))).containsExactly(MANAGER);
        assertThat(DOMAIN_EXAMPLE.chainFor(new BigDecimal("99999.99"))).containsExactly(MANAGER);
        assertThat(DOMAIN_EXAMPLE.chainFor(new BigDecimal("100000.00"))).containsExactly(MANAGER);
        assertThat(DOMAIN_EXAMPLE.chainFor(new BigDecimal("100000.01"))).containsExactly(DIRECTOR);
        assertThat(DOMAIN_EXAMPLE.chainFor(new BigDecimal("1000000.00"))).containsExactly(DIRECTOR);
        assertThat(DOMAIN_EXAMPLE.chainFor(new BigDecimal("1000000.01"))).containsExactly(DIRECTOR, ADMIN);
        assertThat(DOMAIN_EXAMPLE.rules()).extracting(ApprovalRule::above)
                .containsExactly(new BigDecimal("0"), new BigDecimal("100000"), new BigDecimal("1000000"));
    }

    @Test
    void overlappingBandsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> ApprovalPolicy.of(List.of(rule("0", "100000", MANAGER), rule("50000", "200000", DIRECTOR))))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.slug()).isEqualTo("approval-rules-overlap");
                    assertThat(v.kind()).isEqualTo(RuleViolation.Kind.UNPROCESSABLE);
                    assertThat(v.getMessage()).contains("(0, 100000]").contains("(50000, 200000]");
                });
        assertThatThrownBy(() -> ApprovalPolicy.of(List.of(rule("100", null, DIRECTOR), rule("200", "300", ADMIN))))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void adjacentBandsDoNotOverlap() {
        assertThat(ApprovalPolicy.of(List.of(rule("0", "10", MANAGER), rule("10", null, DIRECTOR))).rules()).hasSize(2);
    }

    @Test
    void aValueNoBandCoversIsUnprocessable() {
        ApprovalPolicy gap = ApprovalPolicy.of(List.of(rule("0", "100", MANAGER), rule("200", null, DIRECTOR)));
        assertThatThrownBy(() -> gap.chainFor(new BigDecimal("150")))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.slug()).isEqualTo("no-approval-rule"));
    }

    @Test
    void aRuleNeedsAStepAndABandThatIsNotEmpty() {
        assertThatThrownBy(() -> rule("0", "100")).isInstanceOf(RuleViolation.class).hasMessageContaining("step");
        assertThatThrownBy(() -> rule("100", "100", MANAGER)).isInstanceOf(RuleViolation.class).hasMessageContaining("upTo");
        assertThatThrownBy(() -> rule("-1", "100", MANAGER)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void everyValueOfContiguousBandsHasExactlyOneRule() {
        qt().forAll(integers().between(1, 1000), integers().between(1, 1000), integers().between(0, 5000))
                .checkAssert((first, second, value) -> {
                    BigDecimal a = BigDecimal.valueOf(first);
                    BigDecimal b = a.add(BigDecimal.valueOf(second));
                    List<ApprovalRule> rules = List.of(rule("0", a.toPlainString(), MANAGER),
                            rule(a.toPlainString(), b.toPlainString(), DIRECTOR), rule(b.toPlainString(), null, DIRECTOR, ADMIN));
                    BigDecimal v = BigDecimal.valueOf(value);
                    assertThat(rules.stream().filter(r -> r.covers(v)).count()).isEqualTo(1);
                    assertThat(ApprovalPolicy.of(rules).chainFor(v)).isNotEmpty();
                });
    }
}
