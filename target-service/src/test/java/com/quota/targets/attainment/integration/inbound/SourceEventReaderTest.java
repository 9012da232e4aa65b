package com.quota.targets.attainment.integration.inbound;

import com.quota.eventcontracts.EventSchemas;
import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.targets.attainment.SourceEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The golden examples of event-contracts read into attainment's own records (what the consumer credits). */
class SourceEventReaderTest {

    private static final UUID EVENT_ID = UUID.fromString("01a1ed9b-3916-787d-8fe2-485f64f29d5a");

    private static SourceEvent read(String topic, String eventType) {
        return SourceEventReader.read(InboundEvent.of(topic, EVENT_ID, eventType, "aggregate", Instant.now(),
                EventSchemas.goldenExample(eventType))).orElseThrow();
    }

    @Test
    void goldenOpportunityWonCreditsTheReportingAmountOnTheCloseDate() {
        SourceEvent.OpportunityWin win = (SourceEvent.OpportunityWin) read(Topics.PIPELINE_OPPORTUNITY, "OpportunityWon");

        assertThat(win.eventId()).isEqualTo(EVENT_ID);
        assertThat(win.reportingAmount().amountText()).isEqualTo("1282212.00");
        assertThat(win.reportingAmount().currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(win.closeDate()).isEqualTo(LocalDate.of(2026, 11, 18));
        assertThat(win.owners()).hasSize(2);
        assertThat(win.owners().get(0).splitPercent()).isEqualByComparingTo("60");
        assertThat(win.owners().get(0).primary()).isTrue();
        assertThat(win.firstWinOfAccount()).isTrue();
        assertThat(win.dimensions().productLine()).isEqualTo("ANALYZERS");
    }

    @Test
    void goldenOpportunityReopenedOfAWinIsAReversalOnTheReopenDate() {
        SourceEvent.OpportunityReopening reopen = (SourceEvent.OpportunityReopening)
                read(Topics.PIPELINE_OPPORTUNITY, "OpportunityReopened");

        assertThat(reopen.opportunityId()).isEqualTo(UUID.fromString("01a036e5-6b40-7f9c-8d07-8d44b1d26c4a"));
        assertThat(reopen.reopenDate()).isEqualTo(LocalDate.of(2026, 11, 19));
    }

    @Test
    void aReopenedLossCreditsNothing() {
        String lost = EventSchemas.goldenExample("OpportunityReopened").replace("\"previousStatus\": \"WON\"",
                "\"previousStatus\": \"LOST\"");
        assertThat(SourceEventReader.read(InboundEvent.of(Topics.PIPELINE_OPPORTUNITY, EVENT_ID, "OpportunityReopened",
                "aggregate", Instant.now(), lost))).isEmpty();
    }

    @Test
    void goldenContractEventsReadTheirReportingValuesAndDates() {
        SourceEvent.ContractSigning signed = (SourceEvent.ContractSigning) read(Topics.CONTRACTS_CONTRACT, "ContractSigned");
        SourceEvent.ContractAmendment amended = (SourceEvent.ContractAmendment) read(Topics.CONTRACTS_CONTRACT, "ContractAmended");
        SourceEvent.ContractTermination terminated = (SourceEvent.ContractTermination)
                read(Topics.CONTRACTS_CONTRACT, "ContractTerminated");
        SourceEvent.PaymentReceipt payment = (SourceEvent.PaymentReceipt) read(Topics.CONTRACTS_CONTRACT, "PaymentReceived");

        assertThat(signed.reportingValue().amount()).isEqualByComparingTo("1282212.00");
        assertThat(signed.signedDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(amended.reportingValueDelta().amount()).isEqualByComparingTo(new BigDecimal("106851.00"));
        assertThat(amended.effectiveDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(terminated.terminationDate()).isEqualTo(LocalDate.of(2026, 11, 12));
        assertThat(payment.reportingAmount().amount()).isEqualByComparingTo("384663.60");
        assertThat(payment.receivedDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(payment.paymentId()).isEqualTo(UUID.fromString("01a1fcba-76e8-770d-bc65-f3106b5f5218"));
    }

    @Test
    void aWinWithoutAReportingAmountIsInvalid() {
        String broken = EventSchemas.goldenExample("OpportunityWon")
                .replace("\"reportingAmount\": {\"amount\": \"1282212.00\", \"currency\": \"CNY\"},", "");
        assertThatThrownBy(() -> SourceEventReader.read(InboundEvent.of(Topics.PIPELINE_OPPORTUNITY, EVENT_ID,
                "OpportunityWon", "aggregate", Instant.now(), broken)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("reportingAmount");
    }
}
