package com.quota.targets.attainment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How one source event changed one owner's actual for one metric (the rep credited, or a unit above them): the
 * subject of one {@code AttainmentChanged}. A unit above two credited reps of the same event gets one change with the
 * summed delta; {@code creditedRepId} is then the first of them in the event's line order.
 */
public record OwnerChange(UUID sourceEventId, SourceEventType sourceEventType, Owner owner, Metric metric,
                          UUID creditedRepId, LocalDate creditDate, BigDecimal delta, Currency currency,
                          Dimensions dimensions, UUID opportunityId, UUID contractId, UUID paymentId) {

    /** The changes of placed lines, one per (source event, owner, metric), in line order (rep first, then its units). */
    public static List<OwnerChange> of(Collection<PlacedLine> placedLines) {
        Map<String, OwnerChange> changes = new LinkedHashMap<>();
        for (PlacedLine placed : placedLines) {
            CreditLine line = placed.line();
            List<Owner> owners = new ArrayList<>();
            owners.add(line.owner());
            placed.units().forEach(unit -> owners.add(Owner.unit(unit)));
            for (Owner owner : owners) {
                OwnerChange change = new OwnerChange(line.sourceEventId(), line.sourceEventType(), owner, line.metric(),
                        line.repId(), line.creditDate(), line.amount(), line.currency(), line.dimensions(),
                        line.opportunityId(), line.contractId(), line.paymentId());
                changes.merge(line.sourceEventId() + "/" + owner + "/" + line.metric(), change,
                        (a, b) -> new OwnerChange(a.sourceEventId, a.sourceEventType, a.owner, a.metric, a.creditedRepId,
                                a.creditDate, a.delta.add(b.delta), a.currency, a.dimensions, a.opportunityId,
                                a.contractId, a.paymentId));
            }
        }
        return List.copyOf(changes.values());
    }
}
