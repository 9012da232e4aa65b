package com.quota.performance.integration.inbound;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.performance.attainment.persistence.AttainmentReadModel;
import com.quota.performance.kpi.persistence.DealFacts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Feeds the read model from AttainmentChanged and ContractTerminated, each event once (the inbox row commits with the
 * effect). Splits and roll-ups come as attainment computed them; nothing is recomputed here. Scorecards and
 * statement drafts are derived from the read model on read, so they follow every event.
 */
@Component
class AttainmentEventHandlers {

    private final AttainmentReadModel readModel;
    private final DealFacts deals;

    AttainmentEventHandlers(AttainmentReadModel readModel, DealFacts deals) {
        this.readModel = readModel;
        this.deals = deals;
    }

    @EventHandler(topic = Topics.TARGETS_ATTAINMENT, eventType = "AttainmentChanged")
    Mono<Void> recordAttainment(InboundEvent event) {
        AttainmentChanged changed = event.payloadAs(AttainmentChanged.class);
        if (changed.owner() == null || changed.owner().id() == null || changed.delta() == null || changed.periods() == null
                || changed.creditDate() == null || changed.metric() == null || changed.sourceEventId() == null) {
            throw new InvalidEventException("AttainmentChanged " + event.eventId() + " lacks owner, metric, delta, date or periods");
        }
        return readModel.record(event.eventId(), changed);
    }

    @EventHandler(topic = Topics.CONTRACTS_CONTRACT, eventType = "ContractTerminated")
    Mono<Void> recordTermination(InboundEvent event) {
        ContractTerminated terminated = event.payloadAs(ContractTerminated.class);
        if (terminated.contractId() == null || terminated.terminationDate() == null || terminated.owners() == null) {
            throw new InvalidEventException("ContractTerminated " + event.eventId() + " lacks contract, date or owners");
        }
        // the clawback trigger, and the contract's value in force and collections for the collection rate
        return readModel.recordTermination(event.eventId(), terminated)
                .then(deals.recordContract(event.eventId(), DealEventHandlers.readContract(event), "TERMINATED"));
    }
}
