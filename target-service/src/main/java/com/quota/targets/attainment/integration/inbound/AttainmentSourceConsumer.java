package com.quota.targets.attainment.integration.inbound;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.targets.attainment.InvalidCreditException;
import com.quota.targets.attainment.application.AttainmentLedger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Credits attainment from opportunity and contract events, at most once each: the inbox row commits with the ledger
 * lines, counters and AttainmentChanged events (a poll's records in one transaction, see messaging-support). An event
 * that can never be credited (bad owners, missing amount) goes to the dead-letter topic at once.
 */
@Component
public class AttainmentSourceConsumer {

    private final AttainmentLedger ledger;

    public AttainmentSourceConsumer(AttainmentLedger ledger) {
        this.ledger = ledger;
    }

    @EventHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventType = "OpportunityWon")
    public Mono<Void> creditWonOpportunity(InboundEvent event) {
        return credit(event);
    }

    @EventHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventType = "OpportunityReopened")
    public Mono<Void> reverseReopenedWin(InboundEvent event) {
        return credit(event);
    }

    @EventHandler(topic = Topics.CONTRACTS_CONTRACT, eventType = "ContractSigned")
    public Mono<Void> creditSignedContract(InboundEvent event) {
        return credit(event);
    }

    @EventHandler(topic = Topics.CONTRACTS_CONTRACT, eventType = "ContractAmended")
    public Mono<Void> creditAmendedContract(InboundEvent event) {
        return credit(event);
    }

    @EventHandler(topic = Topics.CONTRACTS_CONTRACT, eventType = "ContractTerminated")
    public Mono<Void> reverseTerminatedContract(InboundEvent event) {
        return credit(event);
    }

    @EventHandler(topic = Topics.CONTRACTS_CONTRACT, eventType = "PaymentReceived")
    public Mono<Void> creditPayment(InboundEvent event) {
        return credit(event);
    }

    private Mono<Void> credit(InboundEvent event) {
        return Mono.defer(() -> SourceEventReader.read(event).map(ledger::credit).orElse(Mono.empty()))
                .onErrorMap(InvalidCreditException.class,
                        e -> new InvalidEventException(event + " cannot be credited: " + e.getMessage(), e));
    }
}
