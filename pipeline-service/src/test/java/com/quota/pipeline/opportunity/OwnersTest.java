package com.quota.pipeline.opportunity;

import com.quota.pipeline.failure.InvalidInputException;
import com.quota.pipeline.failure.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class OwnersTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void splitsMustSumToExactly100() {
        assertThatThrownBy(() -> OpportunityFixture.split(a, "60", b, "30"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.slug()).isEqualTo("splits-invalid");
                    assertThat(e.getMessage()).contains("not 90");
                });
        assertThat(OpportunityFixture.split(a, "66.67", b, "33.33").shares()).hasSize(2);
    }

    @Test
    void exactlyOnePrimaryAndEachRepOnce() {
        assertThatThrownBy(() -> new Owners(List.of(new OwnerShare(a, new BigDecimal("50"), true),
                new OwnerShare(b, new BigDecimal("50"), true)))).extracting("slug").isEqualTo("owners-invalid");
        assertThatThrownBy(() -> new Owners(List.of(new OwnerShare(a, new BigDecimal("50"), true),
                new OwnerShare(a, new BigDecimal("50"), false)))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Owners(List.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSplitOfZeroOrMoreThanTwoDecimalsIsRefused() {
        assertThatThrownBy(() -> OpportunityFixture.split(a, "100", b, "0")).extracting("slug").isEqualTo("splits-invalid");
        assertThatThrownBy(() -> OpportunityFixture.split(a, "66.665", b, "33.335")).extracting("slug").isEqualTo("splits-invalid");
    }

    @Test
    void anySplitOfHundredthsThatSumsTo100IsAccepted() {
        // random cuts of 10000 hundredths into positive parts: always valid owners whose shares sum to 100
        qt().withExamples(300).forAll(lists().of(integers().between(1, 9999)).ofSizeBetween(0, 6))
                .checkAssert(cuts -> {
                    List<Integer> points = new ArrayList<>(new java.util.TreeSet<>(cuts));
                    points.add(10000);
                    List<OwnerShare> shares = new ArrayList<>();
                    int previous = 0;
                    for (int point : points) {
                        shares.add(new OwnerShare(UUID.randomUUID(), BigDecimal.valueOf(point - previous, 2), shares.isEmpty()));
                        previous = point;
                    }
                    Owners owners = new Owners(shares);
                    assertThat(owners.shares().stream().map(OwnerShare::splitPercent).reduce(BigDecimal.ZERO, BigDecimal::add))
                            .isEqualByComparingTo("100");
                });
    }
}
