package com.quota.localstack.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The business data of the demo company for one fiscal year, generated from a fixed seed. Items refer to each
 * other by their {@code externalRef}; the loader maps those to the ids the services hand out.
 */
public record DemoDataset(
        int fiscalYear,
        LocalDate asOf,
        List<TargetPlan> targets,
        PipelineDefinition pipeline,
        List<Account> accounts,
        List<Opportunity> opportunities,
        List<Contract> contracts,
        List<Payment> payments) {

    public DemoDataset {
        targets = List.copyOf(targets);
        accounts = List.copyOf(accounts);
        opportunities = List.copyOf(opportunities);
        contracts = List.copyOf(contracts);
        payments = List.copyOf(payments);
    }

    /** A money amount at its currency's minor unit; serialised as a decimal string, never a float. */
    public record Money(BigDecimal amount, String currency) {
        public String amountText() {
            return amount.toPlainString();
        }
    }

    /** Who a target is for. */
    public enum OwnerType { UNIT, REP }

    /** Annual target of one owner and metric, with its twelve fiscal months (they sum exactly to the year). */
    public record TargetPlan(String externalRef, int fiscalYear, String metric, OwnerType ownerType, UUID ownerId,
                             Money annual, List<BigDecimal> months) {
        public TargetPlan {
            months = List.copyOf(months);
        }
    }

    /** A pipeline with its ordered stages (the last two are the closed stages WON and LOST). */
    public record PipelineDefinition(String externalRef, String name, List<Stage> stages) {
        public PipelineDefinition {
            stages = List.copyOf(stages);
        }
    }

    /** A pipeline stage: win probability, forecast category and expected days in stage. */
    public record Stage(String code, String name, int probability, String forecastCategory, int expectedDays) {
        public boolean closed() {
            return code.equals(DemoDataGenerator.WON) || code.equals(DemoDataGenerator.LOST);
        }
    }

    /** A customer account; no owner means it sits in the customer pool. */
    public record Account(String externalRef, String name, String segment, UUID regionId, UUID ownerRepId) {
    }

    /** One owner of an opportunity or contract and its split percentage. */
    public record Owner(UUID repId, int split, boolean primary) {
    }

    /** Lifecycle status of a generated opportunity. */
    public enum OpportunityStatus { OPEN, WON, LOST }

    /** An opportunity in its final generated state (stage, status, close date and, for a loss, the review). */
    public record Opportunity(String externalRef, String accountRef, String title, Money amount, LocalDate expectedCloseDate,
                              String productLine, String channel, String segment, UUID regionId, List<Owner> owners,
                              String stage, OpportunityStatus status, LocalDate closedOn, String lossReason, String competitor) {
        public Opportunity {
            owners = List.copyOf(owners);
        }

        public Owner primaryOwner() {
            return owners.stream().filter(Owner::primary).findFirst().orElseThrow();
        }
    }

    /** The contract of a won opportunity, in the opportunity's currency, with the opportunity's owners and splits. */
    public record Contract(String externalRef, String opportunityRef, Money value, LocalDate signedOn, LocalDate startsOn,
                           LocalDate endsOn, List<Owner> owners) {
        public Contract {
            owners = List.copyOf(owners);
        }
    }

    /** A payment received against a contract. */
    public record Payment(String externalRef, String contractRef, Money amount, LocalDate receivedOn) {
    }
}
