package com.quota.eventcontracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCatalogTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASchemaAndAGoldenExample(EventType type) {
        assertThat(resource(type.schemaResource())).as(type.schemaResource()).isNotNull();
        assertThat(resource(type.exampleResource())).as(type.exampleResource()).isNotNull();
        assertThat(EventSchemas.goldenExample(type.typeName())).startsWith("{");
    }

    @Test
    void everyTopicIsUsedByAtLeastOneEventType() {
        Set<String> used = Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        Topics.ALL.forEach(topic -> assertThat(EventType.onTopic(topic)).as(topic).isNotEmpty());
    }

    @Test
    void topicNamesFollowContextAggregateVersion() {
        assertThat(Topics.ALL).doesNotHaveDuplicates()
                .allMatch(topic -> topic.matches("^[a-z]+\\.[a-z]+\\.v1$"), "<context>.<aggregate>.v1");
    }

    @Test
    void deadLetterTopicIsTheTopicWithDltSuffix() {
        assertThat(Topics.deadLetterOf(Topics.PIPELINE_OPPORTUNITY)).isEqualTo("pipeline.opportunity.v1-dlt");
        assertThatThrownBy(() -> Topics.deadLetterOf(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheOrgTopicIsCompacted() {
        assertThat(Topics.ALL.stream().filter(Topics::isCompacted)).containsExactly(Topics.TARGETS_ORG);
    }

    @Test
    void eventTypesAreFoundByTheirWireName() {
        assertThat(EventType.of("OpportunityWon")).isEqualTo(EventType.OPPORTUNITY_WON);
        assertThat(EventType.find("AttainmentBehindPace")).contains(EventType.ATTAINMENT_BEHIND_PACE);
        assertThat(EventType.find("OpportunityWonEvent")).isEmpty();
        assertThat(EventType.find(null)).isEmpty();
        assertThatThrownBy(() -> EventType.of("opportunityWon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OpportunityWon");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void wireNamesArePastTensePascalCaseWithoutEventSuffixAndVersionOne(EventType type) {
        assertThat(type.typeName()).matches("^[A-Z][A-Za-z]+$").doesNotEndWith("Event");
        assertThat(type.toString()).isEqualTo(type.typeName());
        assertThat(type.schemaVersion()).isEqualTo("1");
    }

    @Test
    void theCatalogueHasTheTwentyV1Types() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::typeName)).containsExactly(
                "OpportunityCreated", "OpportunityStageChanged", "OpportunityWon", "OpportunityLost",
                "OpportunityReopened", "OpportunityTransferred", "OpportunityActivityLogged",
                "ContractSigned", "ContractAmended", "ContractTerminated", "ContractCompleted", "PaymentReceived",
                "OrgUnitChanged", "RepChanged", "TargetPublished",
                "AttainmentChanged", "AttainmentBehindPace", "AttainmentBackOnPace",
                "ScorecardFinalized", "CommissionStatementIssued");
    }

    @Test
    void noSchemaOrExampleFileBelongsToNoEventType() throws IOException, URISyntaxException {
        Set<String> names = Arrays.stream(EventType.values()).map(EventType::typeName).collect(Collectors.toSet());
        assertThat(fileNames("event-contracts/schemas"))
                .allMatch(file -> file.equals("common.schema.json")
                        || names.contains(file.replace(".schema.json", "")), "schema of a known type");
        assertThat(fileNames("event-contracts/examples"))
                .allMatch(file -> names.contains(file.replace(".json", "")), "example of a known type");
    }

    @Test
    void headerNamesAreTheEnvelopeOfTheArchitecture() {
        assertThat(EventHeaders.ALL).containsExactly(
                "eventId", "eventType", "schemaVersion", "occurredAt", "aggregateId", "traceparent");
        assertThat(EventHeaders.ALL).containsAll(EventHeaders.REQUIRED).doesNotHaveDuplicates();
    }

    private static URL resource(String name) {
        return EventCatalogTest.class.getClassLoader().getResource(name);
    }

    private static Set<String> fileNames(String folder) throws IOException, URISyntaxException {
        // the resources folder of this module (tests run from target/classes, not a jar)
        try (Stream<Path> files = Files.list(Path.of(resource(folder).toURI()))) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
