package com.quota.targets.attainment.application;

import com.quota.targets.attainment.CounterDelta;
import com.quota.targets.attainment.PlacedLine;
import com.quota.targets.attainment.Rederivation;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A back-dated membership change re-derives the affected units from the ledger: every line of the rep credited on or
 * after the change's first day is placed again by membership on its credit date; lines whose units changed move
 * their amounts from the old units' counters to the new ones (deltas summed, locked in key order), in one
 * transaction. The org tree's owner calls it after writing the change; it is idempotent (a second run finds nothing
 * to move).
 */
@Service
public class MembershipRederivation {

    private final AttainmentLedgerStore store;
    private final OrgPlacement placement;
    private final TransactionalOperator tx;

    public MembershipRederivation(AttainmentLedgerStore store, OrgPlacement placement, TransactionalOperator tx) {
        this.store = store;
        this.placement = placement;
        this.tx = tx;
    }

    /** What a re-derivation moved: lines re-placed and counters changed. */
    public record Outcome(int linesMoved, int countersChanged) {
    }

    public Mono<Outcome> rederive(UUID repId, LocalDate from) {
        // exclusive against the consumers' shared lock on the rep: no line is placed by the old membership unseen
        return tx.transactional(store.lockRepExclusive(repId).thenMany(store.placedLinesOfRep(repId, from))
                .concatMap(stored -> placement.unitsAbove(repId, stored.line().creditDate())
                        .map(units -> List.of(stored, new PlacedLine(stored.line(), units))))
                .filter(pair -> !pair.get(0).units().equals(pair.get(1).units()))
                .collectList()
                .flatMap(changed -> {
                    List<PlacedLine> before = new ArrayList<>();
                    List<PlacedLine> after = new ArrayList<>();
                    changed.forEach(pair -> {
                        before.add(pair.get(0));
                        after.add(pair.get(1));
                    });
                    List<CounterDelta> deltas = Rederivation.counterDeltas(before, after);
                    return Flux.fromIterable(after).concatMap(store::replaceUnits)
                            .then(store.applyCounterDeltas(deltas))
                            .thenReturn(new Outcome(after.size(), deltas.size()));
                }));
    }
}
