package com.quota.targets.org.application;

import com.quota.messaging.outbox.OutboxWriter;
import com.quota.orgdirectory.ManagerPeriod;
import com.quota.orgdirectory.MembershipPeriod;
import com.quota.orgdirectory.OrgReplicaStore;
import com.quota.orgdirectory.OrgUnitState;
import com.quota.orgdirectory.ParentPeriod;
import com.quota.orgdirectory.RepState;
import com.quota.resourceserver.Caller;
import com.quota.resourceserver.Role;
import com.quota.targets.attainment.application.MembershipRederivation;
import com.quota.targets.audit.persistence.AuditLog;
import com.quota.targets.config.CompanyToday;
import com.quota.targets.org.DatedHistory;
import com.quota.targets.org.DatedValue;
import com.quota.targets.org.OrgTreeRules;
import com.quota.targets.org.integration.OrgEvents;
import com.quota.targets.org.persistence.OrgTreeReader;
import com.quota.targets.definition.NotVisible;
import com.quota.targets.definition.RoleMayNot;
import com.quota.targets.definition.RuleViolation;
import com.quota.targets.definition.VersionMismatch;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The org tree target-service owns: units and people created or changed by idempotent PUTs with client-chosen ids,
 * dated moves (back-dated too) and deactivation. Every change is written through org-directory's OrgReplicaStore,
 * published as full state ({@code OrgUnitChanged} / {@code RepChanged}) through the outbox and audited, all in one
 * transaction; an unchanged PUT writes nothing and emits nothing, and a PUT that changes an existing record needs
 * If-Match (ARCHITECTURE.md: every update is optimistic), so two editors never overwrite each other unseen.
 */
@Service
public class OrgTreeService {

    static final String UNIT = "OrgUnit";
    static final String REP = "Rep";

    private final OrgTreeReader reader;
    private final OrgReplicaStore store;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final CompanyToday today;
    private final MembershipRederivation attainment;

    public OrgTreeService(OrgTreeReader reader, OrgReplicaStore store, OutboxWriter outbox, AuditLog audit,
                          TransactionalOperator transactions, CompanyToday today, MembershipRederivation attainment) {
        this.reader = reader;
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.today = today;
        this.attainment = attainment;
    }

    /** ADMIN and DIRECTOR shape the tree; a machine client needs the {@code org.write} scope. */
    public static void requireMayChangeTree(Caller caller) {
        if (caller.hasAnyRole(Role.ADMIN, Role.DIRECTOR) || caller.hasRole(Role.INTEGRATION) && caller.hasScope("org.write")) {
            return;
        }
        throw new RoleMayNot("only ADMIN, DIRECTOR or an integration with org.write may change the org tree");
    }

    public Mono<Saved<OrgUnitState>> putUnit(Caller caller, UUID id, UnitCommand command, String ifMatch) {
        requireMayChangeTree(caller);
        OrgTreeRules.requireParentFitsType(id, command.type(), command.parentId());
        return transactions.transactional(reader.unitForUpdate(id).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> {
                    existing.ifPresent(unit -> {
                        if (ifMatch != null) {
                            VersionMismatch.check(ifMatch, unit.version());
                        }
                    });
                    return requireParent(command.parentId())
                            .then(reader.currentParents())
                            .flatMap(parents -> {
                                OrgTreeRules.requireNoCycle(id, command.parentId(), parents);
                                OrgUnitState next = existing.map(unit -> changedUnit(unit, command))
                                        .orElseGet(() -> newUnit(id, command));
                                if (existing.isPresent() && sameUnit(existing.get(), next)) {
                                    return Mono.just(new Saved<>(existing.get(), false, false));
                                }
                                // restating a unit needs no version; changing one does (428 without If-Match)
                                existing.ifPresent(unit -> VersionMismatch.check(ifMatch, unit.version()));
                                return writeUnit(caller, existing.isPresent() ? "org-unit.changed" : "org-unit.created",
                                        existing.orElse(null), next, null)
                                        .then(rederiveUnitAttainment(existing.orElse(null), next,
                                                today.orToday(command.effectiveFrom())))
                                        .thenReturn(new Saved<>(next, existing.isEmpty(), true));
                            });
                }));
    }

    public Mono<OrgUnitState> deactivateUnit(Caller caller, UUID id, LocalDate lastDay, String reason) {
        requireMayChangeTree(caller);
        return transactions.transactional(reader.unitForUpdate(id)
                .switchIfEmpty(Mono.error(() -> new NotVisible("unit " + id)))
                .flatMap(unit -> {
                    LocalDate last = today.orToday(lastDay);
                    if (last.isBefore(unit.validFrom())) {
                        throw new RuleViolation("invalid-date", "the last day " + last + " is before the unit began " + unit.validFrom());
                    }
                    return reader.activeChildren(id, last.plusDays(1)).hasElements().flatMap(hasChildren -> {
                        if (hasChildren) {
                            throw new RuleViolation("unit-has-children", "unit " + id + " still has active child units after " + last);
                        }
                        OrgUnitState next = new OrgUnitState(unit.id(), unit.parentId(), unit.code(), unit.name(), unit.type(),
                                false, unit.validFrom(), last, endParents(unit.parentPeriods(), last),
                                endManagers(unit.managers(), last), unit.externalRef(), unit.version() + 1, Instant.now());
                        // from the day after, its credit no longer rolls up above it
                        return writeUnit(caller, "org-unit.deactivated", unit, next, reason)
                                .then(attainment.rederiveUnit(id, last.plusDays(1)))
                                .thenReturn(next);
                    });
                }));
    }

    public Mono<Saved<RepState>> putRep(Caller caller, UUID id, RepCommand command, String ifMatch) {
        requireMayChangeTree(caller);
        return transactions.transactional(reader.repForUpdate(id).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> {
                    existing.ifPresent(rep -> {
                        if (ifMatch != null) {
                            VersionMismatch.check(ifMatch, rep.version());
                        }
                    });
                    return requireUnit(command.unitId())
                            .then(usernameFree(id, command.username()))
                            .then(Mono.defer(() -> {
                                RepState next = existing.map(rep -> changedRep(rep, command)).orElseGet(() -> newRep(id, command));
                                return (command.username() == null ? Mono.just(true)
                                        : reader.username(id).map(stored -> !stored.equals(command.username())).defaultIfEmpty(true))
                                        .flatMap(usernameChanged -> {
                                            Mono<Void> login = command.username() == null ? Mono.empty()
                                                    : reader.saveUsername(id, command.username());
                                            if (existing.isPresent() && sameRep(existing.get(), next) && !usernameChanged) {
                                                return Mono.just(new Saved<>(existing.get(), false, false));
                                            }
                                            existing.ifPresent(rep -> VersionMismatch.check(ifMatch, rep.version()));
                                            RepState written = existing.isPresent() && sameRep(existing.get(), next)
                                                    ? existing.get() : next;
                                            Mono<Void> write = written == next ? writeRep(caller,
                                                    existing.isPresent() ? "rep.changed" : "rep.created", existing.orElse(null), next, null)
                                                    .then(rederiveAttainment(existing.orElse(null), next,
                                                            today.orToday(command.effectiveFrom())))
                                                    : Mono.empty();
                                            return login.then(write).thenReturn(new Saved<>(written, existing.isEmpty(), true));
                                        });
                            }));
                }));
    }

    /** Moves a person to another unit from a date (back-dated too): the open membership closes the day before. */
    public Mono<RepState> moveRep(Caller caller, UUID id, UUID unitId, LocalDate effectiveFrom, String reason) {
        requireMayChangeTree(caller);
        return transactions.transactional(reader.repForUpdate(id)
                .switchIfEmpty(Mono.error(() -> new NotVisible("rep " + id)))
                .flatMap(rep -> requireUnit(unitId).then(Mono.defer(() -> {
                    RepState next = withMemberships(rep, moved(rep, unitId, today.orToday(effectiveFrom)), rep.active());
                    if (next.memberships().equals(rep.memberships())) {
                        return Mono.just(rep);
                    }
                    return writeRep(caller, "rep.moved", rep, next, reason)
                            .then(rederiveAttainment(rep, next, today.orToday(effectiveFrom)))
                            .thenReturn(next);
                }))));
    }

    public Mono<RepState> deactivateRep(Caller caller, UUID id, LocalDate lastDay, String reason) {
        requireMayChangeTree(caller);
        return transactions.transactional(reader.repForUpdate(id)
                .switchIfEmpty(Mono.error(() -> new NotVisible("rep " + id)))
                .flatMap(rep -> {
                    List<DatedValue> ended = DatedHistory.endOn(memberships(rep), today.orToday(lastDay));
                    RepState next = withMemberships(rep, ended, false);
                    return writeRep(caller, "rep.deactivated", rep, next, reason).thenReturn(next);
                }));
    }

    private Mono<Void> writeUnit(Caller caller, String action, OrgUnitState before, OrgUnitState after, String reason) {
        return store.upsertUnit(after)
                .then(outbox.append(OrgEvents.unitChanged(after, today.today())))
                .then(audit.record(caller, action, UNIT, after.id(), before, after, reason))
                .then(resendManagers(before, after));
    }

    /**
     * A change of a unit's manager changes {@code managedUnitIds} of the manager who leaves and the one who comes:
     * each gets a new version and a fresh {@code RepChanged} (their state, as the schema carries it, changed).
     */
    private Mono<Void> resendManagers(OrgUnitState before, OrgUnitState after) {
        LocalDate day = today.today();
        java.util.Set<UUID> managersBefore = before == null ? java.util.Set.of() : managersOn(before, day);
        java.util.Set<UUID> managersAfter = managersOn(after, day);
        if (managersBefore.equals(managersAfter)) {
            return Mono.empty();
        }
        java.util.Set<UUID> changed = new java.util.TreeSet<>(managersBefore);
        changed.addAll(managersAfter);
        return reactor.core.publisher.Flux.fromIterable(changed).concatMap(repId -> reader.repForUpdate(repId)
                .flatMap(rep -> {
                    RepState next = new RepState(rep.id(), rep.displayName(), rep.title(), rep.email(), rep.role(), rep.active(),
                            rep.hireDate(), rep.memberships(), rep.externalRef(), rep.version() + 1, Instant.now());
                    return store.upsertRep(next).then(reader.unitsManagedBy(repId, day).collectList())
                            .flatMap(managed -> outbox.append(OrgEvents.repChanged(next, managed, day)));
                })).then();
    }

    private static java.util.Set<UUID> managersOn(OrgUnitState unit, LocalDate day) {
        return unit.managers().stream().filter(m -> m.covers(day)).map(m -> m.repId())
                .collect(java.util.stream.Collectors.toSet());
    }

    private Mono<Void> writeRep(Caller caller, String action, RepState before, RepState after, String reason) {
        return store.upsertRep(after)
                .then(reader.unitsManagedBy(after.id(), today.today()).collectList())
                .flatMap(managed -> outbox.append(OrgEvents.repChanged(after, managed, today.today())))
                .then(audit.record(caller, action, REP, after.id(), before, after, reason));
    }

    /**
     * A membership change (back-dated too) moves the rep's credit from that date between unit counters, in this
     * transaction, so every unit's attainment follows the membership on each credit date.
     */
    private Mono<Void> rederiveAttainment(RepState before, RepState after, LocalDate from) {
        if (before == null || before.memberships().equals(after.memberships())) {
            return Mono.empty();
        }
        return attainment.rederive(after.id(), from).then();
    }

    /**
     * A unit re-parented (back-dated too) moves the credit that rolled up through it from that date to its new
     * ancestors, in this transaction.
     */
    private Mono<Void> rederiveUnitAttainment(OrgUnitState before, OrgUnitState after, LocalDate from) {
        if (before == null || before.parentPeriods().equals(after.parentPeriods())) {
            return Mono.empty();
        }
        return attainment.rederiveUnit(after.id(), latest(from, before.validFrom())).then();
    }

    private Mono<Void> requireParent(UUID parentId) {
        if (parentId == null) {
            return Mono.empty();
        }
        return reader.unit(parentId).filter(OrgUnitState::active)
                .switchIfEmpty(Mono.error(() -> new RuleViolation("unknown-parent", "parent unit " + parentId + " is not an active unit")))
                .then();
    }

    private Mono<Void> requireUnit(UUID unitId) {
        return reader.unit(unitId).filter(OrgUnitState::active)
                .switchIfEmpty(Mono.error(() -> new RuleViolation("unknown-unit", "unit " + unitId + " is not an active unit")))
                .then();
    }

    private Mono<Void> usernameFree(UUID id, String username) {
        if (username == null) {
            return Mono.empty();
        }
        return reader.usernameTakenByAnother(id, username).flatMap(taken -> taken
                ? Mono.error(new RuleViolation("username-taken", "username " + username + " belongs to another person"))
                : Mono.empty());
    }

    private OrgUnitState newUnit(UUID id, UnitCommand command) {
        LocalDate from = today.orToday(command.validFrom());
        List<ParentPeriod> parents = command.parentId() == null ? List.of() : List.of(new ParentPeriod(command.parentId(), from, null));
        List<ManagerPeriod> managers = command.managerId() == null ? List.of() : List.of(new ManagerPeriod(command.managerId(), from, null));
        return new OrgUnitState(id, command.parentId(), command.code(), command.name(), command.type(), true, from, null,
                parents, managers, command.externalRef(), 1, Instant.now());
    }

    private OrgUnitState changedUnit(OrgUnitState unit, UnitCommand command) {
        LocalDate effective = latest(today.orToday(command.effectiveFrom()), unit.validFrom());
        List<ParentPeriod> parents = unit.parentPeriods();
        UUID parentOnEffective = parents.stream().filter(p -> p.covers(effective)).map(ParentPeriod::parentId).findFirst().orElse(null);
        if (!Objects.equals(parentOnEffective, command.parentId())) {
            parents = command.parentId() == null
                    ? DatedHistory.endOn(dated(parents), effective.minusDays(1)).stream().map(v -> new ParentPeriod(v.value(), v.from(), v.to())).toList()
                    : DatedHistory.changeFrom(dated(parents), command.parentId(), effective, "parent").stream()
                    .map(v -> new ParentPeriod(v.value(), v.from(), v.to())).toList();
        }
        List<ManagerPeriod> managers = unit.managers();
        UUID managerOnEffective = managers.stream().filter(m -> m.covers(effective)).map(ManagerPeriod::repId).findFirst().orElse(null);
        if (!Objects.equals(managerOnEffective, command.managerId())) {
            List<DatedValue> history = managers.stream().map(m -> new DatedValue(m.repId(), m.validFrom(), m.validTo())).toList();
            history = command.managerId() == null ? DatedHistory.endOn(history, effective.minusDays(1))
                    : DatedHistory.changeFrom(history, command.managerId(), effective, "manager");
            managers = history.stream().map(v -> new ManagerPeriod(v.value(), v.from(), v.to())).toList();
        }
        return new OrgUnitState(unit.id(), command.parentId(), command.code(), command.name(), command.type(), unit.active(),
                unit.validFrom(), unit.validTo(), parents, managers,
                command.externalRef() != null ? command.externalRef() : unit.externalRef(), unit.version() + 1, Instant.now());
    }

    private static boolean sameUnit(OrgUnitState a, OrgUnitState b) {
        return Objects.equals(a.parentId(), b.parentId()) && a.code().equals(b.code()) && a.name().equals(b.name())
                && a.type().equals(b.type()) && a.active() == b.active() && a.parentPeriods().equals(b.parentPeriods())
                && a.managers().equals(b.managers()) && Objects.equals(a.externalRef(), b.externalRef());
    }

    private RepState newRep(UUID id, RepCommand command) {
        LocalDate from = command.validFrom() != null ? command.validFrom() : today.orToday(command.hireDate());
        return new RepState(id, command.displayName(), command.title(), command.email(), command.role(), true,
                command.hireDate(), List.of(new MembershipPeriod(command.unitId(), from, null)), command.externalRef(), 1,
                Instant.now());
    }

    private RepState changedRep(RepState rep, RepCommand command) {
        LocalDate effective = today.orToday(command.effectiveFrom());
        List<DatedValue> memberships = moved(rep, command.unitId(), effective);
        return new RepState(rep.id(), command.displayName(), command.title(),
                command.email() != null ? command.email() : rep.email(), command.role(), rep.active(),
                command.hireDate() != null ? command.hireDate() : rep.hireDate(), periods(memberships),
                command.externalRef() != null ? command.externalRef() : rep.externalRef(), rep.version() + 1, Instant.now());
    }

    private static List<DatedValue> moved(RepState rep, UUID unitId, LocalDate effective) {
        List<DatedValue> memberships = memberships(rep);
        if (DatedHistory.on(memberships, effective).filter(unitId::equals).isPresent()) {
            return memberships;
        }
        LocalDate first = memberships.isEmpty() ? effective : memberships.get(0).from();
        return DatedHistory.changeFrom(memberships, unitId, latest(effective, first), "membership");
    }

    private static boolean sameRep(RepState a, RepState b) {
        return a.displayName().equals(b.displayName()) && Objects.equals(a.title(), b.title())
                && Objects.equals(a.email(), b.email()) && a.role().equals(b.role()) && a.active() == b.active()
                && Objects.equals(a.hireDate(), b.hireDate()) && a.memberships().equals(b.memberships())
                && Objects.equals(a.externalRef(), b.externalRef());
    }

    private static RepState withMemberships(RepState rep, List<DatedValue> memberships, boolean active) {
        return new RepState(rep.id(), rep.displayName(), rep.title(), rep.email(), rep.role(), active, rep.hireDate(),
                periods(memberships), rep.externalRef(), rep.version() + 1, Instant.now());
    }

    private static List<DatedValue> memberships(RepState rep) {
        return rep.memberships().stream().map(m -> new DatedValue(m.unitId(), m.validFrom(), m.validTo())).toList();
    }

    private static List<MembershipPeriod> periods(List<DatedValue> memberships) {
        return memberships.stream().map(v -> new MembershipPeriod(v.value(), v.from(), v.to())).toList();
    }

    private static List<DatedValue> dated(List<ParentPeriod> parents) {
        return parents.stream().map(p -> new DatedValue(p.parentId(), p.validFrom(), p.validTo())).toList();
    }

    private static List<ParentPeriod> endParents(List<ParentPeriod> parents, LocalDate last) {
        return DatedHistory.endOn(dated(parents), last).stream().map(v -> new ParentPeriod(v.value(), v.from(), v.to())).toList();
    }

    private static List<ManagerPeriod> endManagers(List<ManagerPeriod> managers, LocalDate last) {
        return DatedHistory.endOn(managers.stream().map(m -> new DatedValue(m.repId(), m.validFrom(), m.validTo())).toList(), last)
                .stream().map(v -> new ManagerPeriod(v.value(), v.from(), v.to())).toList();
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
