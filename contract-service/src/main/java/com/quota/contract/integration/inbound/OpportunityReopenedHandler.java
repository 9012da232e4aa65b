package com.quota.contract.integration.inbound;

import com.quota.contract.application.ContractService;
import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A reopened win withdraws its untouched automatic draft and flags any other contract drafted from it (see
 * {@link ContractService#recordReopenedOpportunity}). A reopened loss never had a contract: nothing to do. Runs in the
 * inbox transaction, so a redelivery changes nothing.
 */
@Component
public class OpportunityReopenedHandler {

    private final ContractService contracts;

    public OpportunityReopenedHandler(ContractService contracts) {
        this.contracts = contracts;
    }

    @EventHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventType = "OpportunityReopened")
    public Mono<Void> withdrawOrFlagContractOfReopenedWin(InboundEvent event) {
        OpportunityReopenedView reopened = event.payloadAs(OpportunityReopenedView.class);
        if (reopened.opportunityId() == null || reopened.previousStatus() == null || reopened.reopenDate() == null) {
            throw new InvalidEventException("OpportunityReopened " + event.eventId() + " lacks opportunityId, previousStatus or reopenDate");
        }
        if (!"WON".equals(reopened.previousStatus())) {
            return Mono.empty();
        }
        UUID opportunityId;
        LocalDate on;
        try {
            opportunityId = UUID.fromString(reopened.opportunityId());
            on = LocalDate.parse(reopened.reopenDate());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException("OpportunityReopened " + event.eventId() + " has a malformed opportunityId or reopenDate");
        }
        return contracts.recordReopenedOpportunity(opportunityId, on,
                reopened.reason() == null || reopened.reason().isBlank() ? "opportunity reopened" : reopened.reason());
    }
}
