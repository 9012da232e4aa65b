package com.quota.targets.attainment.application;

import com.quota.targets.attainment.CounterDelta;
import com.quota.targets.attainment.CreditLine;
import com.quota.targets.attainment.CreditRules;
import com.quota.targets.attainment.NetCredit;
import com.quota.targets.attainment.Owner;
import com.quota.targets.attainment.OwnerChange;
import com.quota.targets.attainment.PlacedLine;
import com.quota.targets.attainment.RollUp;
import com.quota.targets.attainment.SourceEvent;
import com.quota.targets.attainment.integration.outbound.AttainmentChangedPublisher;
import com.quota.targets.attainment.persistence.AttainmentLedgerStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Credits source events into the ledger, a poll at a time. Lines (and their roll-up to the units above the rep on the
 * credit date) are written before any reversal that follows them, so it sees them (a reopen right after its win).
 * Counter deltas and {@code AttainmentChanged} events are held per transaction and written just before it commits:
 * a poll's batch (one transaction, see messaging-support) touches each counter once, with deltas summed and rows
 * locked in key order, so consumers never deadlock on the company row.
 */
@Service
public class AttainmentLedger {

    private static final Object PENDING_KEY = new Object();

    private final AttainmentLedgerStore store;
    private final OrgPlacement placement;
    private final AttainmentChangedPublisher publisher;
    private final TransactionalOperator tx;
    private final PaceOnChange pace;

    public AttainmentLedger(AttainmentLedgerStore store, OrgPlacement placement, AttainmentChangedPublisher publisher,
                            TransactionalOperator tx, PaceOnChange pace) {
        this.store = store;
        this.placement = placement;
        this.publisher = publisher;
        this.tx = tx;
        this.pace = pace;
    }

    /** Credits one source event in the current transaction (or a new one); its counters follow at commit. */
    public Mono<Void> credit(SourceEvent event) {
        return creditAll(List.of(event));
    }

    /**
     * Credits a poll's source events, in their order, in the current transaction (or a new one). Lines are written a
     * run at a time (placed in one query, inserted in two statements); a reversal first writes what came before it,
     * so it reverses what the ledger holds at that point, this batch's earlier wins included. Counters follow at
     * commit.
     */
    public Mono<Void> creditAll(List<SourceEvent> events) {
        return creditAll(events, true);
    }

    /**
     * As {@link #creditAll(List)}; without {@code announce} no AttainmentChanged is written or notified (a rebuild
     * replaying into a scratch schema must not announce the live figures again).
     */
    public Mono<Void> creditAll(List<SourceEvent> events, boolean announce) {
        return tx.transactional(Mono.defer(() -> {
            List<CreditLine> run = new ArrayList<>();
            return Flux.fromIterable(events)
                    .concatMap(event -> {
                        if (!reverses(event)) {
                            run.addAll(CreditRules.linesFor(event, List.of()));
                            return Mono.empty();
                        }
                        return write(run).then(creditedSoFar(event))
                                .doOnNext(prior -> run.addAll(CreditRules.linesFor(event, prior)))
                                .then();
                    })
                    .then(Mono.defer(() -> write(run)))
                    .then(announce ? Mono.empty() : pending().doOnNext(batch -> batch.announce = false).then());
        }));
    }

    private static boolean reverses(SourceEvent event) {
        return event instanceof SourceEvent.OpportunityReopening || event instanceof SourceEvent.ContractTermination;
    }

    /** Writes the run's lines (and empties it): shared rep locks, placement, lines, roll-up; counters at commit. */
    private Mono<Void> write(List<CreditLine> run) {
        if (run.isEmpty()) {
            return Mono.empty();
        }
        List<CreditLine> lines = List.copyOf(run);
        run.clear();
        List<OrgPlacement.RepDay> days = lines.stream().map(l -> new OrgPlacement.RepDay(l.repId(), l.creditDate())).toList();
        return store.lockRepsShared(lines.stream().map(CreditLine::repId).toList())
                .then(placement.unitsAbove(days))
                .map(units -> lines.stream().map(line -> new PlacedLine(line,
                        units.get(new OrgPlacement.RepDay(line.repId(), line.creditDate())))).toList())
                .flatMap(store::insertAll)
                .flatMap(written -> pending().doOnNext(batch -> batch.lines.addAll(written)))
                .then();
    }

    private Mono<List<NetCredit>> creditedSoFar(SourceEvent event) {
        if (event instanceof SourceEvent.OpportunityReopening reopen) {
            return store.netCreditedForOpportunity(reopen.opportunityId());
        }
        if (event instanceof SourceEvent.ContractTermination terminated) {
            return store.netCreditedForContract(terminated.contractId());
        }
        return Mono.just(List.of());
    }

    /** The lines written in this transaction whose counters and events are not yet written. */
    private Mono<Pending> pending() {
        return TransactionSynchronizationManager.forCurrentTransaction().map(sync -> {
            Pending batch = (Pending) sync.getResource(PENDING_KEY);
            if (batch == null) {
                Pending created = new Pending();
                sync.bindResource(PENDING_KEY, created);
                sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> beforeCommit(boolean readOnly) {
                        return flush(created);
                    }

                    @Override
                    public Mono<Void> afterCommit() {
                        if (created.announce && !created.changed.isEmpty()) {
                            pace.changed(created.changed);
                        }
                        return Mono.empty();
                    }
                });
                batch = created;
            }
            return batch;
        });
    }

    private Mono<Void> flush(Pending batch) {
        if (batch.lines.isEmpty()) {
            return Mono.empty();
        }
        List<PlacedLine> lines = List.copyOf(batch.lines);
        batch.lines.clear();
        List<CounterDelta> deltas = RollUp.counterDeltas(lines);
        if (!batch.announce) {
            return store.applyCounterDeltas(deltas);
        }
        List<OwnerChange> changes = OwnerChange.of(lines);
        changes.forEach(change -> batch.changed.add(change.owner()));
        return store.applyCounterDeltas(deltas).then(publisher.publish(changes));
    }

    /** The lines of one transaction awaiting their counters. */
    private static final class Pending {
        final List<PlacedLine> lines = new ArrayList<>();
        // the owners whose figures changed: judged for pace once the transaction has committed
        final Set<Owner> changed = new LinkedHashSet<>();
        boolean announce = true;
    }
}
