package com.quota.targets.attainment.integration.inbound;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventBatchHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.targets.attainment.InvalidCreditException;
import com.quota.targets.attainment.SourceEvent;
import com.quota.targets.attainment.application.AttainmentLedger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * Credits attainment from opportunity and contract events, at most once each, a poll at a time: the backbone's batch
 * handler hands over a poll's new events (the inbox rows commit with the ledger lines, counters and AttainmentChanged
 * events, one transaction per poll). An event that can never be credited (bad owners, missing amount) fails the call;
 * the backbone then applies the events one by one and dead-letters that one at once.
 */
@Component
public class AttainmentSourceConsumer {

    private final AttainmentLedger ledger;

    public AttainmentSourceConsumer(AttainmentLedger ledger) {
        this.ledger = ledger;
    }

    @EventBatchHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventTypes = {"OpportunityWon", "OpportunityReopened"})
    public Mono<Void> creditOpportunities(List<InboundEvent> events) {
        return credit(events);
    }

    @EventBatchHandler(topic = Topics.CONTRACTS_CONTRACT,
            eventTypes = {"ContractSigned", "ContractAmended", "ContractTerminated", "PaymentReceived"})
    public Mono<Void> creditContracts(List<InboundEvent> events) {
        return credit(events);
    }

    private Mono<Void> credit(List<InboundEvent> events) {
        return Mono.defer(() -> {
            List<SourceEvent> read = new ArrayList<>(events.size());
            for (InboundEvent event : events) {
                try {
                    SourceEventReader.read(event).ifPresent(read::add);
                } catch (InvalidCreditException e) {
                    throw invalid(events, e);
                }
            }
            return ledger.creditAll(read);
        }).onErrorMap(InvalidCreditException.class, e -> invalid(events, e));
    }

    private static InvalidEventException invalid(List<InboundEvent> events, InvalidCreditException e) {
        String what = events.size() == 1 ? events.get(0).toString() : "one of " + events.size() + " events";
        return new InvalidEventException(what + " cannot be credited: " + e.getMessage(), e);
    }
}
