package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger and counters in memory, applied exactly as the consumer does (inbox by source event id, lines unique per
 * event × rep × metric, net credits for reversals read from the lines so far, counter deltas per batch).
 */
final class LedgerSimulation {

    private final UnitPlacement placement;
    private final Set<UUID> inbox = new HashSet<>();
    private final Map<String, CreditLine> lines = new LinkedHashMap<>();
    private final Map<CounterKey, BigDecimal> counters = new HashMap<>();

    LedgerSimulation(UnitPlacement placement) {
        this.placement = placement;
    }

    /** Applies a batch the way one poll is applied: new lines first, then the summed, sorted counter deltas. */
    void applyBatch(List<SourceEvent> batch) {
        List<PlacedLine> written = new ArrayList<>();
        for (SourceEvent event : batch) {
            if (!inbox.add(event.eventId())) {
                continue;
            }
            for (CreditLine line : CreditRules.linesFor(event, creditedSoFar(event))) {
                String key = line.sourceEventId() + "/" + line.repId() + "/" + line.metric();
                if (lines.putIfAbsent(key, line) != null) {
                    throw new AssertionError("line written twice: " + key);
                }
                written.addAll(RollUp.place(List.of(line), placement));
            }
        }
        for (CounterDelta delta : RollUp.counterDeltas(written)) {
            counters.merge(delta.key(), delta.amount(), BigDecimal::add);
        }
    }

    Collection<CreditLine> lines() {
        return lines.values();
    }

    Map<CounterKey, BigDecimal> counters() {
        return counters;
    }

    private List<NetCredit> creditedSoFar(SourceEvent event) {
        Map<String, NetCredit> net = new LinkedHashMap<>();
        for (CreditLine line : lines.values()) {
            boolean same = event instanceof SourceEvent.OpportunityReopening reopen
                    ? Objects.equals(line.opportunityId(), reopen.opportunityId()) && line.contractId() == null
                    : event instanceof SourceEvent.ContractTermination terminated
                    && Objects.equals(line.contractId(), terminated.contractId());
            if (same) {
                String key = line.repId() + "/" + line.metric() + "/" + line.dimensions();
                net.merge(key, new NetCredit(line.repId(), line.metric(), line.dimensions(), line.amount(), line.currency()),
                        (a, b) -> new NetCredit(a.repId(), a.metric(), a.dimensions(), a.amount().add(b.amount()), a.currency()));
            }
        }
        return List.copyOf(net.values());
    }
}
