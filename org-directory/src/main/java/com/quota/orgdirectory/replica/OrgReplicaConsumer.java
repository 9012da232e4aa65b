package com.quota.orgdirectory.replica;

import com.quota.eventcontracts.Topics;
import com.quota.messaging.consumer.EventHandler;
import com.quota.messaging.consumer.InboundEvent;
import com.quota.messaging.consumer.InvalidEventException;
import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgReplicaStore;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.ParentPeriod;
import com.quota.orgdirectory.RepState;
import com.quota.orgdirectory.tree.ManagerHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps the service's org tables in step with {@code targets.org.v1}: every {@code OrgUnitChanged} and
 * {@code RepChanged} is the full state of its unit or rep and is written through {@link OrgReplicaStore} in the inbox
 * transaction. Latest state per key wins (a state not newer than the stored version changes nothing);
 * {@code status=INACTIVE} retires. An event that does not make a consistent state (overlapping memberships, a unit
 * that is its own parent) goes to the dead-letter topic at once.
 */
public class OrgReplicaConsumer {

    /** {@code eventType} of a unit's state. */
    public static final String ORG_UNIT_CHANGED = "OrgUnitChanged";
    /** {@code eventType} of a rep's state. */
    public static final String REP_CHANGED = "RepChanged";

    private static final Logger log = LoggerFactory.getLogger(OrgReplicaConsumer.class);

    private final OrgReplicaStore store;
    private final ZoneId companyZone;
    private final Clock clock;

    public OrgReplicaConsumer(OrgReplicaStore store, ZoneId companyZone, Clock clock) {
        this.store = store;
        this.companyZone = companyZone;
        this.clock = clock;
    }

    /** This consumer's own view of {@code OrgUnitChanged} v1 (fields it does not use are ignored). */
    record OrgUnitChanged(UUID unitId, String code, String name, String type, UUID parentId, UUID managerId,
                          String status, Long version, LocalDate validFrom, LocalDate validTo,
                          List<ParentLink> parentHistory, List<ManagerLink> managerHistory, String externalRef) {
    }

    record ParentLink(UUID parentId, LocalDate validFrom, LocalDate validTo) {
    }

    /** Not in v1 yet: if the producer adds a manager history (additive field), it is taken as is. */
    record ManagerLink(UUID repId, LocalDate validFrom, LocalDate validTo) {
    }

    /** This consumer's own view of {@code RepChanged} v1. */
    record RepChanged(UUID repId, String displayName, String title, String email, String role, String status,
                      Long version, List<Membership> memberships, LocalDate hireDate, String externalRef) {
    }

    record Membership(UUID unitId, LocalDate validFrom, LocalDate validTo) {
    }

    @EventHandler(topic = Topics.TARGETS_ORG, eventType = ORG_UNIT_CHANGED)
    public Mono<Void> replicateOrgUnit(InboundEvent event) {
        OrgUnitChanged unit = event.payloadAs(OrgUnitChanged.class);
        require(unit.unitId() != null && unit.version() != null && unit.validFrom() != null, event, "unitId, version and validFrom");
        Instant changedAt = changedAt(event);
        Mono<List<ManagerPeriod>> managers = unit.managerHistory() != null
                ? Mono.just(unit.managerHistory().stream()
                .map(m -> new ManagerPeriod(m.repId(), m.validFrom(), m.validTo())).toList())
                : store.managersOfUnit(unit.unitId()).collectList().map(known -> ManagerHistory.afterChange(known,
                unit.managerId(), LocalDate.ofInstant(changedAt, companyZone), unit.validFrom(), unit.validTo()));
        return managers
                .map(history -> unitState(event, unit, history, changedAt))
                .flatMap(store::upsertUnit)
                .doOnNext(applied -> logOutcome(event, applied))
                .then();
    }

    @EventHandler(topic = Topics.TARGETS_ORG, eventType = REP_CHANGED)
    public Mono<Void> replicateRep(InboundEvent event) {
        RepChanged rep = event.payloadAs(RepChanged.class);
        require(rep.repId() != null && rep.version() != null && rep.displayName() != null && rep.role() != null,
                event, "repId, version, displayName and role");
        RepState state = consistent(event, () -> new RepState(rep.repId(), rep.displayName(), rep.title(), rep.email(),
                rep.role(), !"INACTIVE".equals(rep.status()), rep.hireDate(),
                rep.memberships() == null ? List.of() : rep.memberships().stream()
                        .map(m -> new MembershipPeriod(m.unitId(), m.validFrom(), m.validTo())).toList(),
                rep.externalRef(), rep.version(), changedAt(event)));
        return store.upsertRep(state).doOnNext(applied -> logOutcome(event, applied)).then();
    }

    private OrgUnitState unitState(InboundEvent event, OrgUnitChanged unit, List<ManagerPeriod> managers, Instant changedAt) {
        return consistent(event, () -> new OrgUnitState(unit.unitId(), unit.parentId(), unit.code(), unit.name(),
                unit.type(), !"INACTIVE".equals(unit.status()), unit.validFrom(), unit.validTo(),
                unit.parentHistory() == null ? List.of() : unit.parentHistory().stream()
                        .filter(link -> link.parentId() != null)
                        .map(link -> new ParentPeriod(link.parentId(), link.validFrom(), link.validTo())).toList(),
                managers, unit.externalRef(), unit.version(), changedAt));
    }

    private Instant changedAt(InboundEvent event) {
        return Objects.requireNonNullElseGet(event.occurredAt(), clock::instant);
    }

    private static void require(boolean present, InboundEvent event, String what) {
        if (!present) {
            throw new InvalidEventException(event + " lacks " + what);
        }
    }

    private static <T> T consistent(InboundEvent event, java.util.function.Supplier<T> state) {
        try {
            return state.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException(event + " is not a consistent org state: " + e.getMessage(), e);
        }
    }

    private static void logOutcome(InboundEvent event, boolean applied) {
        if (!applied) {
            log.debug("{} is not newer than the stored state; ignored", event);
        }
    }
}
