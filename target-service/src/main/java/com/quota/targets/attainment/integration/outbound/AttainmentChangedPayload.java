package com.quota.targets.attainment.integration.outbound;

import java.util.List;
import java.util.Map;

/** The {@code AttainmentChanged} v1 payload (event-contracts' schema); decimals as strings. */
public record AttainmentChangedPayload(OwnerRef owner, String metric, String sourceEventId, String sourceEventType,
                                       String creditedRepId, String opportunityId, String contractId, String paymentId,
                                       String creditDate, Measure delta, DimensionsView dimensions,
                                       List<PeriodFigure> periods) {

    /** {@code {"type":"REP","id":"..."}}. */
    public record OwnerRef(String type, String id) {
    }

    /** Money in the reporting currency, or a count with a null currency. */
    public record Measure(String amount, String currency) {
    }

    /** The credited deal's dimensions. */
    public record DimensionsView(String productLine, String region, String channel, String customerSegment) {
    }

    /** One period the credit date falls in, with the owner's new actual and the targets in force per level. */
    public record PeriodFigure(String periodKey, String periodType, Measure actual, Map<String, Measure> targets,
                               String targetId, Integer targetVersion) {
    }
}
