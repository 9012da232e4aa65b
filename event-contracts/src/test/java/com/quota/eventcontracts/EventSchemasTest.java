package com.quota.eventcontracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void moneyAmountAsAJsonNumberIsRejected() {
        String payload = won(p -> ((ObjectNode) p.get("amount")).put("amount", 180000.00));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/amount/amount"));
    }

    @Test
    void moneyAmountWithFloatingPointNoiseIsRejected() {
        String payload = won(p -> ((ObjectNode) p.get("reportingAmount")).put("amount", "1282212.0000000002"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/reportingAmount/amount"));
    }

    @Test
    void currencyMustBeThreeUpperCaseLetters() {
        String payload = won(p -> ((ObjectNode) p.get("amount")).put("currency", "usd"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/amount/currency"));
    }

    @Test
    void missingRequiredFieldIsRejected() {
        String payload = won(p -> p.remove("closeDate"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("closeDate"));
    }

    @Test
    void missingFxRateIsRejectedBecauseMoneyEventsCarryBothAmounts() {
        String payload = won(p -> p.remove("fxRate"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("fxRate"));
    }

    @Test
    void badUuidIsRejected() {
        String payload = won(p -> p.put("opportunityId", "019ffeee-7808-73d4-bdf8"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/opportunityId"));
    }

    @Test
    void impossibleDateIsRejected() {
        String payload = won(p -> p.put("closeDate", "2026-13-45"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/closeDate"));
    }

    @Test
    void splitAboveOneHundredIsRejected() {
        String payload = won(p -> owner(p, 0).put("splitPercent", "100.01"));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/owners/0/splitPercent"));
    }

    @Test
    void zeroOrNegativeSplitIsRejected() {
        assertThat(EventSchemas.validate("OpportunityWon", won(p -> owner(p, 1).put("splitPercent", "0"))))
                .anyMatch(v -> v.contains("/owners/1/splitPercent"));
        assertThat(EventSchemas.validate("OpportunityWon", won(p -> owner(p, 1).put("splitPercent", "-40"))))
                .anyMatch(v -> v.contains("/owners/1/splitPercent"));
    }

    @Test
    void splitAsAJsonNumberIsRejected() {
        String payload = won(p -> owner(p, 0).put("splitPercent", 60));
        assertThat(EventSchemas.validate("OpportunityWon", payload)).anyMatch(v -> v.contains("/owners/0/splitPercent"));
    }

    @Test
    void splitWithTwoDecimalsIsAccepted() {
        String payload = won(p -> {
            owner(p, 0).put("splitPercent", "66.67");
            owner(p, 1).put("splitPercent", "33.33");
        });
        assertThat(EventSchemas.validate("OpportunityWon", payload)).isEmpty();
    }

    @Test
    void ownersNeedExactlyOnePrimary() {
        assertThat(EventSchemas.validate("OpportunityWon", won(p -> owner(p, 1).put("primary", true))))
                .anyMatch(v -> v.contains("/owners"));
        assertThat(EventSchemas.validate("OpportunityWon", won(p -> owner(p, 0).put("primary", false))))
                .anyMatch(v -> v.contains("/owners"));
        assertThat(EventSchemas.validate("OpportunityWon", won(p -> p.putArray("owners"))))
                .anyMatch(v -> v.contains("/owners"));
    }

    @Test
    void unknownExtraFieldsPassBecauseV1GrowsByOptionalFields() {
        String payload = won(p -> {
            p.put("forecastNote", "added in a later v1 release");
            ((ObjectNode) p.get("amount")).put("minorUnits", 18000000);
            owner(p, 0).put("unitId", "b333d4d6-edee-589c-9fe2-f73cb5d8fd77");
        });
        assertThat(EventSchemas.validate("OpportunityWon", payload)).isEmpty();
    }

    @Test
    void periodKeyMustNameAFiscalMonthQuarterOrYear() {
        String payload = attainment(p -> period(p, 0).put("periodKey", "2026-11"));
        assertThat(EventSchemas.validate("AttainmentChanged", payload)).anyMatch(v -> v.contains("/periods/0/periodKey"));
        assertThat(EventSchemas.validate("AttainmentChanged", attainment(p -> period(p, 0).put("periodKey", "FY2026-M13"))))
                .isNotEmpty();
    }

    @Test
    void attainmentChangedCarriesMonthQuarterAndYear() {
        String payload = attainment(p -> ((ArrayNode) p.get("periods")).remove(1));
        assertThat(EventSchemas.validate("AttainmentChanged", payload)).anyMatch(v -> v.contains("/periods"));
    }

    @Test
    void newCustomersDeltaIsACountWithoutCurrency() {
        String asMoney = attainment(p -> p.put("metric", "NEW_CUSTOMERS"));
        assertThat(EventSchemas.validate("AttainmentChanged", asMoney)).anyMatch(v -> v.contains("/delta"));

        String asCount = attainment(p -> {
            p.put("metric", "NEW_CUSTOMERS");
            ObjectNode delta = p.putObject("delta");
            delta.put("amount", "1");
            delta.putNull("currency");
        });
        assertThat(EventSchemas.validate("AttainmentChanged", asCount)).isEmpty();
    }

    @Test
    void targetLevelsMustBeKnown() {
        String payload = attainment(p -> ((ObjectNode) period(p, 0).get("targets")).set("BONUS",
                JSON.createObjectNode().put("amount", "1.00").put("currency", "CNY")));
        assertThat(EventSchemas.validate("AttainmentChanged", payload)).anyMatch(v -> v.contains("/periods/0/targets"));
    }

    @Test
    void aRepublishedTargetNeedsAReason() {
        ObjectNode target = example("TargetPublished");
        target.putNull("reason");
        assertThat(EventSchemas.validate("TargetPublished", target.toString())).anyMatch(v -> v.contains("/reason"));
        target.put("version", 1);
        assertThat(EventSchemas.validate("TargetPublished", target.toString())).isEmpty();
    }

    @Test
    void standaloneContractHasNoOpportunity() {
        ObjectNode signed = example("ContractSigned");
        signed.putNull("opportunityId");
        assertThat(EventSchemas.validate("ContractSigned", signed.toString())).isEmpty();
        signed.remove("opportunityId");
        assertThat(EventSchemas.validate("ContractSigned", signed.toString())).anyMatch(v -> v.contains("opportunityId"));
    }

    @Test
    void repNeedsAtLeastOneMembership() {
        ObjectNode rep = example("RepChanged");
        rep.putArray("memberships");
        assertThat(EventSchemas.validate("RepChanged", rep.toString())).anyMatch(v -> v.contains("/memberships"));
    }

    @Test
    void notJsonIsReportedAsAViolation() {
        assertThat(EventSchemas.validate("OpportunityWon", "{\"opportunityId\": ")).singleElement()
                .satisfies(v -> assertThat(v).startsWith("payload is not valid JSON"));
        assertThat(EventSchemas.validate("OpportunityWon", null)).containsExactly("payload is null");
        assertThat(EventSchemas.validate("OpportunityWon", "[]")).isNotEmpty();
    }

    @Test
    void assertValidListsEveryViolation() {
        String payload = won(p -> {
            p.remove("closeDate");
            p.put("accountId", "not-a-uuid");
        });
        assertThatThrownBy(() -> EventSchemas.assertValid("OpportunityWon", payload))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpportunityWon v1")
                .hasMessageContaining("closeDate")
                .hasMessageContaining("/accountId");
        assertThatCode(() -> EventSchemas.assertValid(EventType.OPPORTUNITY_WON, EventSchemas.goldenExample("OpportunityWon")))
                .doesNotThrowAnyException();
    }

    @Test
    void unknownEventTypeIsAnIllegalArgument() {
        assertThatThrownBy(() -> EventSchemas.validate("OpportunityWonEvent", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OpportunityWonEvent");
        assertThatThrownBy(() -> EventSchemas.goldenExample("Nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completeEnvelopeIsValid() {
        assertThat(EventSchemas.validateHeaders(envelope(), EventType.OPPORTUNITY_WON)).isEmpty();
    }

    @Test
    void envelopeViolationsAreNamed() {
        Map<String, String> headers = envelope();
        headers.remove(EventHeaders.AGGREGATE_ID);
        headers.put(EventHeaders.EVENT_ID, "42");
        headers.put(EventHeaders.SCHEMA_VERSION, "2");
        headers.put(EventHeaders.OCCURRED_AT, "2026-11-18T15:42:15+08:00");
        assertThat(EventSchemas.validateHeaders(headers, EventType.OPPORTUNITY_WON)).containsExactlyInAnyOrder(
                "header aggregateId is missing",
                "header eventId is not a UUID: 42",
                "header schemaVersion is 2, expected 1",
                "header occurredAt is not an ISO-8601 UTC instant: 2026-11-18T15:42:15+08:00");
        assertThat(EventSchemas.validateHeaders(envelope(), EventType.OPPORTUNITY_LOST))
                .containsExactly("header eventType is OpportunityWon, expected OpportunityLost");
    }

    @Test
    void periodKeyMustMatchItsPeriodType() {
        String payload = attainment(p -> period(p, 0).put("periodKey", "FY2026-Q4"));
        assertThat(EventSchemas.validate("AttainmentChanged", payload)).anyMatch(v -> v.contains("/periods/0/periodKey"));
    }

    @Test
    void onlyTheCompanyUnitHasNoParent() {
        ObjectNode team = example("OrgUnitChanged");
        team.putNull("parentId");
        assertThat(EventSchemas.validate("OrgUnitChanged", team.toString())).anyMatch(v -> v.contains("/parentId"));
        team.put("type", "COMPANY");
        assertThat(EventSchemas.validate("OrgUnitChanged", team.toString())).isEmpty();
    }

    @Test
    void recordWithKeyHeadersAndPayloadInAgreementIsValid() {
        assertThat(EventSchemas.validateRecord(Topics.PIPELINE_OPPORTUNITY, "019ffeee-7808-73d4-bdf8-1664ffd9fcdf",
                envelope(), EventSchemas.goldenExample("OpportunityWon"))).isEmpty();
    }

    @Test
    void recordKeyedOtherwiseThanByItsAggregateOrOnAnotherTopicIsRejected() {
        String otherId = "019ffeee-7808-73d4-bdf8-000000000000";
        Map<String, String> headers = envelope();
        headers.put(EventHeaders.AGGREGATE_ID, otherId);
        assertThat(EventSchemas.validateRecord(Topics.CONTRACTS_CONTRACT, otherId, headers,
                EventSchemas.goldenExample("OpportunityWon"))).containsExactlyInAnyOrder(
                "OpportunityWon belongs on topic pipeline.opportunity.v1, not contracts.contract.v1",
                "record key " + otherId + " differs from the payload's /opportunityId 019ffeee-7808-73d4-bdf8-1664ffd9fcdf");
        assertThatThrownBy(() -> EventSchemas.assertValidRecord(Topics.PIPELINE_OPPORTUNITY, otherId, envelope(),
                EventSchemas.goldenExample("OpportunityWon")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("differs from header aggregateId");
    }

    @Test
    void attainmentRecordsAreKeyedByOwner() {
        Map<String, String> headers = envelope();
        headers.put(EventHeaders.EVENT_TYPE, "AttainmentChanged");
        headers.put(EventHeaders.AGGREGATE_ID, "d6d5dd85-406c-5ba8-b90d-b91398daa268");
        assertThat(EventSchemas.validateRecord(Topics.TARGETS_ATTAINMENT, "d6d5dd85-406c-5ba8-b90d-b91398daa268",
                headers, EventSchemas.goldenExample("AttainmentChanged"))).isEmpty();
    }

    private static Map<String, String> envelope() {
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.EVENT_ID, "01a1ed9b-3916-787d-8fe2-485f64f29d5a");
        headers.put(EventHeaders.EVENT_TYPE, "OpportunityWon");
        headers.put(EventHeaders.SCHEMA_VERSION, "1");
        headers.put(EventHeaders.OCCURRED_AT, "2026-11-18T07:42:15.318Z");
        headers.put(EventHeaders.AGGREGATE_ID, "019ffeee-7808-73d4-bdf8-1664ffd9fcdf");
        headers.put(EventHeaders.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        return headers;
    }

    private static String won(Consumer<ObjectNode> change) {
        ObjectNode payload = example("OpportunityWon");
        change.accept(payload);
        return payload.toString();
    }

    private static String attainment(Consumer<ObjectNode> change) {
        ObjectNode payload = example("AttainmentChanged");
        change.accept(payload);
        return payload.toString();
    }

    private static ObjectNode owner(ObjectNode payload, int index) {
        return (ObjectNode) payload.get("owners").get(index);
    }

    private static ObjectNode period(ObjectNode payload, int index) {
        return (ObjectNode) payload.get("periods").get(index);
    }

    private static ObjectNode example(String eventType) {
        return (ObjectNode) JSON.readTree(EventSchemas.goldenExample(eventType));
    }
}
