package com.quota.targets.attainment.integration.inbound;

import java.util.List;

/** Attainment's own records of the source event payloads: only the fields it reads (unknown fields are ignored). */
final class SourcePayloads {

    private SourcePayloads() {
    }

    record MoneyView(String amount, String currency) {
    }

    record OwnerView(String repId, String splitPercent, Boolean primary) {
    }

    record DimensionsView(String productLine, String region, String channel, String customerSegment) {
    }

    record OpportunityWonView(String opportunityId, String accountId, List<OwnerView> owners, MoneyView reportingAmount,
                              String closeDate, DimensionsView dimensions, Boolean firstWinOfAccount) {
    }

    record OpportunityReopenedView(String opportunityId, String accountId, String previousStatus, String reopenDate) {
    }

    record ContractSignedView(String contractId, String opportunityId, String accountId, List<OwnerView> owners,
                              MoneyView reportingValue, String signedDate, DimensionsView dimensions) {
    }

    record ContractAmendedView(String contractId, String opportunityId, String accountId, List<OwnerView> owners,
                               MoneyView reportingValueDelta, String effectiveDate, DimensionsView dimensions) {
    }

    record ContractTerminatedView(String contractId, String opportunityId, String accountId, String terminationDate) {
    }

    record PaymentReceivedView(String paymentId, String contractId, String opportunityId, String accountId,
                               List<OwnerView> owners, MoneyView reportingAmount, String receivedDate,
                               DimensionsView dimensions) {
    }
}
