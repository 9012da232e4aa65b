package com.quota.targets.attainment.integration.outbound;


import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code AttainmentBehindPace} / {@code AttainmentBackOnPace} v1 payload; {@code behindSince} only on the latter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaceAlertPayload(OwnerRef owner, String metric, String periodKey, String periodType, String asOf,
                               String level, String thresholdPercent, String pacePercent, String elapsedPercent,
                               Measure actual, Measure expectedToDate, Measure target, Measure gap, Measure runRate,
                               String behindSince) {

    /** {@code {"type":"REP","id":"..."}}. */
    public record OwnerRef(String type, String id) {
    }

    /** Money in the reporting currency, or a count with a null currency. */
    public record Measure(String amount, String currency) {
    }
}
