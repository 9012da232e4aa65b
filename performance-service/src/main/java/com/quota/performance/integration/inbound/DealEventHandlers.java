package com.quota.performance.integration.inbound;

import com.quota.api.company.CompanyClock;
import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventBatchHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.performance.kpi.persistence.DealFacts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/**
 * Feeds the deal KPIs (win rate, conversion rate, sales velocity, new customers, cost ratio, collection rate) from
 * opportunity and contract events,
 * a poll at a time: the inbox has filtered duplicates out and commits with the effect, so each event counts once.
 * ContractTerminated is applied by {@link AttainmentEventHandlers} (one handler per event type), which records it here too.
 */
@Component
class DealEventHandlers {

    private final DealFacts facts;
    private final CompanyClock clock;

    DealEventHandlers(DealFacts facts, CompanyClock clock) {
        this.facts = facts;
        this.clock = clock;
    }

    @EventBatchHandler(topic = Topics.PIPELINE_OPPORTUNITY, eventTypes = {"OpportunityCreated", "OpportunityStageChanged",
            "OpportunityTransferred", "OpportunityWon", "OpportunityLost", "OpportunityReopened", "OpportunityActivityLogged"})
    Mono<Void> recordOpportunities(List<InboundEvent> events) {
        // in offset order: events of one opportunity share a key, so its latest state is written last
        return Flux.fromIterable(events).concatMap(event -> {
            if ("OpportunityActivityLogged".equals(event.eventType())) {
                return recordActivityCost(event);
            }
            OpportunityChanged changed = event.payloadAs(OpportunityChanged.class);
            if (changed.opportunityId() == null || changed.status() == null || changed.owners() == null
                    || changed.owners().stream().anyMatch(o -> o == null || o.repId() == null || o.splitPercent() == null)) {
                throw new InvalidEventException(event.eventType() + " " + event.eventId() + " lacks opportunity, status or owners");
            }
            if (("WON".equals(changed.status()) || "LOST".equals(changed.status())) && changed.closeDate() == null) {
                throw new InvalidEventException(event.eventType() + " " + event.eventId() + " closes without a close date");
            }
            LocalDate openedOn = "OpportunityCreated".equals(event.eventType()) && event.occurredAt() != null
                    ? LocalDate.ofInstant(event.occurredAt(), clock.zone()) : null;
            return facts.recordOpportunity(event.eventId(), changed, openedOn);
        }).then();
    }

    /** A costed activity becomes one cost share per owner (cost ratio); an activity without a cost changes nothing. */
    private Mono<Void> recordActivityCost(InboundEvent event) {
        ActivityLogged logged = event.payloadAs(ActivityLogged.class);
        if (logged.activityId() == null || logged.opportunityId() == null || logged.occurredOn() == null || logged.owners() == null
                || logged.owners().isEmpty()
                || logged.owners().stream().anyMatch(o -> o == null || o.repId() == null || o.splitPercent() == null)) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " lacks the activity, its day or owners");
        }
        if (logged.reportingCost() == null) {
            return Mono.empty();
        }
        if (logged.reportingCost().amount() == null || logged.reportingCost().currency() == null) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " has a reporting cost without amount or currency");
        }
        return facts.recordActivityCost(event.eventId(), logged);
    }

    @EventBatchHandler(topic = Topics.CONTRACTS_CONTRACT, eventTypes = {"ContractSigned", "ContractAmended", "ContractCompleted",
            "PaymentReceived"})
    Mono<Void> recordContracts(List<InboundEvent> events) {
        return Flux.fromIterable(events).concatMap(event -> {
            ContractChanged changed = readContract(event);
            String status = switch (event.eventType()) {
                case "ContractSigned" -> "SIGNED";
                case "ContractCompleted" -> "COMPLETED";
                default -> null;
            };
            return facts.recordContract(event.eventId(), changed, status);
        }).then();
    }

    static ContractChanged readContract(InboundEvent event) {
        ContractChanged changed = event.payloadAs(ContractChanged.class);
        if (changed.contractId() == null
                || (changed.owners() != null && changed.owners().stream().anyMatch(o -> o == null || o.repId() == null || o.splitPercent() == null))) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " lacks the contract or an owner's split");
        }
        return changed;
    }
}
