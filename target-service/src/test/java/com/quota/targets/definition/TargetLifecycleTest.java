package com.quota.targets.definition;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DRAFT → SUBMITTED → APPROVED → PUBLISHED, who may move a target, and which version is in force. */
class TargetLifecycleTest {

    @Test
    void aDraftGoesAllTheWayToPublished() {
        TargetStatus status = TargetStatus.DRAFT;
        status = TargetLifecycle.next(status, TargetAction.SUBMIT);
        status = TargetLifecycle.next(status, TargetAction.APPROVE);
        status = TargetLifecycle.next(status, TargetAction.PUBLISH);

        assertThat(status).isEqualTo(TargetStatus.PUBLISHED);
    }

    @Test
    void publishingADraftIsRefusedWithTheAllowedActions() {
        assertThatThrownBy(() -> TargetLifecycle.next(TargetStatus.DRAFT, TargetAction.PUBLISH))
                .isInstanceOf(TransitionNotAllowed.class)
                .extracting(e -> ((TransitionNotAllowed) e).allowed()).isEqualTo(Set.of(TargetAction.EDIT, TargetAction.SUBMIT));
    }

    @Test
    void aPublishedVersionChangesOnlyByRevision() {
        assertThat(TargetLifecycle.allowedFrom(TargetStatus.PUBLISHED)).containsExactly(TargetAction.REVISE);
        assertThat(TargetLifecycle.next(TargetStatus.PUBLISHED, TargetAction.REVISE)).isEqualTo(TargetStatus.DRAFT);
    }

    @Test
    void aRejectedSubmissionGoesBackToDraft() {
        assertThat(TargetLifecycle.next(TargetStatus.SUBMITTED, TargetAction.REJECT)).isEqualTo(TargetStatus.DRAFT);
    }

    @Test
    void aRepSubmitsTheirOwnButApprovesNothing() {
        Set<ActorRole> rep = Set.of(ActorRole.REP);
        assertThatCode(() -> TargetLifecycle.requireMayPerform(rep, TargetAction.SUBMIT, OwnerRelation.OWN)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TargetLifecycle.requireMayPerform(rep, TargetAction.SUBMIT, OwnerRelation.OTHER))
                .isInstanceOf(RoleMayNot.class);
        assertThatThrownBy(() -> TargetLifecycle.requireMayPerform(rep, TargetAction.APPROVE, OwnerRelation.OWN))
                .isInstanceOf(RoleMayNot.class);
    }

    @Test
    void aManagerApprovesTheirSubtreeButNotTheirOwnNorPublishes() {
        Set<ActorRole> manager = Set.of(ActorRole.MANAGER);
        assertThatCode(() -> TargetLifecycle.requireMayPerform(manager, TargetAction.APPROVE, OwnerRelation.SUBTREE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TargetLifecycle.requireMayPerform(manager, TargetAction.APPROVE, OwnerRelation.OWN))
                .isInstanceOf(RoleMayNot.class).hasMessageContaining("their own");
        assertThatThrownBy(() -> TargetLifecycle.requireMayPerform(manager, TargetAction.PUBLISH, OwnerRelation.SUBTREE))
                .isInstanceOf(RoleMayNot.class);
    }

    @Test
    void directorsAndAdminsMayDoEverything() {
        for (TargetAction action : TargetAction.values()) {
            assertThatCode(() -> TargetLifecycle.requireMayPerform(Set.of(ActorRole.DIRECTOR), action, OwnerRelation.OTHER))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void integrationsMayEditDraftsButNotMoveThem() {
        Set<ActorRole> integration = Set.of(ActorRole.INTEGRATION);
        assertThatCode(() -> TargetLifecycle.requireMayEditDraft(integration, OwnerRelation.OTHER)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TargetLifecycle.requireMayPerform(integration, TargetAction.SUBMIT, OwnerRelation.OTHER))
                .isInstanceOf(RoleMayNot.class);
    }

    @Test
    void theVersionInForceIsTheLatestPublishedEffectiveOnTheDate() {
        List<VersionInForce.PublishedVersion> versions = List.of(
                new VersionInForce.PublishedVersion(1, TargetStatus.PUBLISHED, LocalDate.of(2026, 1, 1)),
                new VersionInForce.PublishedVersion(2, TargetStatus.PUBLISHED, LocalDate.of(2026, 4, 1)),
                new VersionInForce.PublishedVersion(3, TargetStatus.DRAFT, LocalDate.of(2026, 5, 1)));

        assertThat(VersionInForce.on(versions, LocalDate.of(2026, 3, 31))).map(VersionInForce.PublishedVersion::version).contains(1);
        assertThat(VersionInForce.on(versions, LocalDate.of(2026, 4, 1))).map(VersionInForce.PublishedVersion::version).contains(2);
        assertThat(VersionInForce.on(versions, LocalDate.of(2026, 12, 31))).map(VersionInForce.PublishedVersion::version).contains(2);
        assertThat(VersionInForce.on(versions, LocalDate.of(2025, 12, 31))).isEmpty();
    }
}
