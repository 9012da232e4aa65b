package com.quota.contract.lifecycle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every status × action pair: the DOMAIN.md transitions are allowed, every other one refused with the allowed ones. */
class ContractStateMachineTest {

    // written out by hand from DOMAIN.md, independent of the implementation's table
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("DRAFT SUBMIT", "PENDING_APPROVAL"),
            Map.entry("PENDING_APPROVAL APPROVE", "APPROVED"),
            Map.entry("PENDING_APPROVAL REJECT", "REJECTED"),
            Map.entry("REJECTED REVISE", "DRAFT"),
            Map.entry("APPROVED SIGN", "SIGNED"),
            Map.entry("SIGNED START_EXECUTION", "IN_EXECUTION"),
            Map.entry("IN_EXECUTION SUSPEND", "SUSPENDED"),
            Map.entry("SUSPENDED RESUME", "IN_EXECUTION"),
            Map.entry("IN_EXECUTION COMPLETE", "COMPLETED"),
            Map.entry("COMPLETED CLOSE", "CLOSED"),
            Map.entry("SIGNED TERMINATE", "TERMINATED"),
            Map.entry("IN_EXECUTION TERMINATE", "TERMINATED"),
            Map.entry("SUSPENDED TERMINATE", "TERMINATED"));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ContractStatus from : ContractStatus.values()) {
            for (ContractAction action : ContractAction.values()) {
                pairs.add(Arguments.of(from, action));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyPair")
    void allowsExactlyTheDomainTransitionsAndRefusesTheRestListingTheAllowedOnes(ContractStatus from, ContractAction action) {
        String expected = ALLOWED.get(from + " " + action);
        if (expected != null) {
            assertThat(ContractStateMachine.require(from, action)).isEqualTo(ContractStatus.valueOf(expected));
            assertThat(ContractStateMachine.allowedFrom(from)).contains(action);
        } else {
            Set<String> allowedHere = ALLOWED.keySet().stream().filter(k -> k.startsWith(from + " "))
                    .map(k -> ContractAction.valueOf(k.substring(k.indexOf(' ') + 1)).pathName())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(ContractStateMachine.target(from, action)).isEmpty();
            assertThatThrownBy(() -> ContractStateMachine.require(from, action))
                    .isInstanceOfSatisfying(TransitionRefused.class, refused -> {
                        assertThat(refused.from()).isEqualTo(from);
                        assertThat(refused.action()).isEqualTo(action);
                        assertThat(refused.allowedNames()).isEqualTo(allowedHere);
                        assertThat(refused.getMessage()).contains(action.pathName());
                    });
        }
    }

    @org.junit.jupiter.api.Test
    void theTableCoversAllThirteenTransitionsAndClosedAndTerminatedAllowNothing() {
        long allowed = everyPair().filter(a -> ContractStateMachine.target(
                (ContractStatus) a.get()[0], (ContractAction) a.get()[1]).isPresent()).count();
        assertThat(allowed).isEqualTo(ALLOWED.size()).isEqualTo(13);
        assertThat(ContractStateMachine.allowedFrom(ContractStatus.CLOSED)).isEmpty();
        assertThat(ContractStateMachine.allowedFrom(ContractStatus.TERMINATED)).isEmpty();
    }
}
