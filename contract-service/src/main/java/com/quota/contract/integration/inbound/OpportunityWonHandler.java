package com.quota.contract.integration.inbound;

import com.quota.contract.persistence.AutoDraftSettings;
import com.quota.contract.application.ContractService;
import com.quota.contract.application.ContractSettings;
import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Keeps every won opportunity and drafts its contract when its pipeline's auto-draft is on (the service default
 * otherwise). Runs in the inbox transaction: a redelivered event changes nothing, and a second event for the same
 * opportunity finds its contract.
 */
@Component
public class OpportunityWonHandler {

    private final ContractService contracts;
    private final AutoDraftSettings settings;
    private final ContractSettings defaults;

    public OpportunityWonHandler(ContractService contracts, AutoDraftSettings settings, ContractSettings defaults) {
        this.contracts = contracts;
        this.settings = settings;
        this.defaults = defaults;
    }

    @EventHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventType = "OpportunityWon")
    public Mono<Void> draftContractOfWonOpportunity(InboundEvent event) {
        OpportunityWonView won = event.payloadAs(OpportunityWonView.class);
        if (won.opportunityId() == null || won.pipelineId() == null || won.owners() == null || won.owners().isEmpty()
                || won.amount() == null || won.reportingAmount() == null || won.fxRate() == null) {
            throw new InvalidEventException("OpportunityWon " + event.eventId() + " lacks opportunityId, pipelineId, owners, amounts or fxRate");
        }
        return settings.enabled(UUID.fromString(won.pipelineId()))
                .defaultIfEmpty(defaults.autoDraftByDefault())
                .flatMap(draft -> contracts.recordWonOpportunity(won, event.payloadJson(), event.eventId(), draft));
    }
}
