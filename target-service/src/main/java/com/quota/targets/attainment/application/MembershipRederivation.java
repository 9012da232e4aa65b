package com.quota.targets.attainment.application;

import com.quota.targets.attainment.CounterDelta;
import com.quota.targets.attainment.CreditLine;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerChange;
import com.quota.targets.attainment.PlacedLine;
import com.quota.targets.attainment.Rederivation;
import com.quota.targets.attainment.integration.outbound.AttainmentChangedPublisher;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A back-dated membership change re-derives the affected units from the ledger: every line of the rep credited on or
 * after the change's first day is placed again by membership on its credit date; lines whose units changed move
 * their amounts from the old units' counters to the new ones (deltas summed, locked in key order), and every unit whose
 * figures changed gets an {@code AttainmentChanged} per moved line, in one transaction. A unit re-parented or
 * deactivated re-derives every rep whose credit rolled up through it. The org tree's owner calls it after writing the
 * change; it is idempotent (a second run finds nothing to move, and emits nothing). Once it commits, the units whose
 * figures changed are judged for pace ({@link PaceOnChange}), as after a credit.
 */
@Service
public class MembershipRederivation {

    private final AttainmentLedgerStore store;
    private final OrgPlacement placement;
    private final TransactionalOperator tx;
    private final AttainmentChangedPublisher publisher;
    private final PaceOnChange pace;

    public MembershipRederivation(AttainmentLedgerStore store, OrgPlacement placement, TransactionalOperator tx,
                                  AttainmentChangedPublisher publisher, PaceOnChange pace) {
        this.store = store;
        this.placement = placement;
        this.tx = tx;
        this.publisher = publisher;
        this.pace = pace;
    }

    /** What a re-derivation moved: lines re-placed and counters changed. */
    public record Outcome(int linesMoved, int countersChanged) {

        Outcome plus(Outcome other) {
            return new Outcome(linesMoved + other.linesMoved, countersChanged + other.countersChanged);
        }
    }

    /** Re-derives a rep's credit from {@code from} on (in the caller's transaction, or its own). */
    public Mono<Outcome> rederive(UUID repId, LocalDate from) {
        return tx.transactional(rederiveRep(repId, from));
    }

    /**
     * Re-derives the credit that rolled up through a unit from {@code from} on (the unit was re-parented or deactivated
     * from that date, so the units above it change): every rep credited through it, in rep order.
     */
    public Mono<Outcome> rederiveUnit(UUID unitId, LocalDate from) {
        return tx.transactional(store.repsCreditedThrough(unitId, from)
                .concatMap(repId -> rederiveRep(repId, from))
                .reduce(new Outcome(0, 0), Outcome::plus));
    }

    private Mono<Outcome> rederiveRep(UUID repId, LocalDate from) {
        // exclusive against the consumers' shared lock on the rep: no line is placed by the old membership unseen
        // every line placed again by membership on its credit date, in one query for all of them
        return store.lockRepExclusive(repId).thenMany(store.placedLinesOfRep(repId, from)).collectList()
                .flatMap(stored -> placement.unitsAbove(stored.stream()
                                .map(s -> new OrgPlacement.RepDay(repId, s.line().creditDate())).toList())
                        .map(placed -> stored.stream()
                                .map(s -> List.of(s, new PlacedLine(s.line(),
                                        placed.get(new OrgPlacement.RepDay(repId, s.line().creditDate())))))
                                .filter(pair -> !pair.get(0).units().equals(pair.get(1).units()))
                                .toList()))
                .flatMap(changed -> {
                    List<PlacedLine> before = new ArrayList<>();
                    List<PlacedLine> after = new ArrayList<>();
                    changed.forEach(pair -> {
                        before.add(pair.get(0));
                        after.add(pair.get(1));
                    });
                    List<CounterDelta> deltas = Rederivation.counterDeltas(before, after);
                    Map<OwnerChange, List<Object>> changes = changes(before, after);
                    return Flux.fromIterable(after).concatMap(store::replaceUnits)
                            .then(store.applyCounterDeltas(deltas))
                            .then(publisher.publish(new ArrayList<>(changes.keySet()), changes::get))
                            // the units that gained or lost credit are judged for pace like after a win
                            .then(pace.changedOnCommit(changes.keySet().stream().map(OwnerChange::owner).distinct().toList()))
                            .thenReturn(new Outcome(after.size(), deltas.size()));
                });
    }

    /**
     * The owner changes of moved lines: a unit the line left loses its amount, a unit it joined gains it (a unit on
     * both sides is unchanged). Each is named by the line's units before and after, so its event id is its own.
     */
    private static Map<OwnerChange, List<Object>> changes(List<PlacedLine> before, List<PlacedLine> after) {
        Map<OwnerChange, List<Object>> changes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            CreditLine line = after.get(i).line();
            List<UUID> was = before.get(i).units();
            List<UUID> is = after.get(i).units();
            List<Object> name = List.of("re-derived", was.toString(), is.toString());
            Map<UUID, java.math.BigDecimal> deltas = new HashMap<>();
            was.stream().filter(u -> !is.contains(u)).forEach(u -> deltas.put(u, line.amount().negate()));
            is.stream().filter(u -> !was.contains(u)).forEach(u -> deltas.put(u, line.amount()));
            for (UUID unit : deltas.keySet().stream().sorted().toList()) {
                changes.put(new OwnerChange(line.sourceEventId(), line.sourceEventType(), Owner.unit(unit), line.metric(),
                        line.repId(), line.creditDate(), deltas.get(unit), line.currency(), line.dimensions(),
                        line.opportunityId(), line.contractId(), line.paymentId()), name);
            }
        }
        return changes;
    }
}
