package com.quota.messaging.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which a relay may send the rows it locked, so that no key's events ever overtake each other.
 * <ul>
 *   <li>A row is held back when a pending row of its key with a smaller position is not in this batch (another relay
 *       holds it, or it waits for its back-off): that one must reach Kafka first.</li>
 *   <li>The rest go out in rounds: round n holds the n-th row of every key, so a key never has two rows in flight
 *       and a failed row stops the later rows of its key (they stay pending, in order, for the next poll).</li>
 * </ul>
 *
 * @param <R> the row type
 */
final class PublishPlan<R> {

    private final Map<String, Deque<R>> queues = new LinkedHashMap<>();
    private final List<R> heldBack = new ArrayList<>();
    private final Function<R, String> keyOf;

    /**
     * @param rows         the locked rows in position order
     * @param positionOf   a row's position
     * @param keyOf        a row's key
     * @param foreignHeads for each key, the smallest position of a pending row of that key outside this batch
     */
    PublishPlan(List<R> rows, Function<R, Long> positionOf, Function<R, String> keyOf, Map<String, Long> foreignHeads) {
        this.keyOf = keyOf;
        for (R row : rows) {
            String key = keyOf.apply(row);
            Long foreignHead = foreignHeads.get(key);
            if (foreignHead != null && foreignHead < positionOf.apply(row)) {
                heldBack.add(row);
            } else {
                queues.computeIfAbsent(key, k -> new ArrayDeque<>()).add(row);
            }
        }
    }

    /** The next row of every key still going; empty when the plan is done. */
    List<R> nextRound() {
        List<R> round = new ArrayList<>();
        queues.values().removeIf(Deque::isEmpty);
        for (Deque<R> queue : queues.values()) {
            round.add(queue.poll());
        }
        return round;
    }

    /** A row of this round could not be sent: the later rows of its key stay unsent. */
    void failed(R row) {
        Deque<R> rest = queues.remove(keyOf.apply(row));
        if (rest != null) {
            heldBack.addAll(rest);
        }
    }

    /** Rows this plan did not and will not send (left pending, untouched). */
    List<R> heldBack() {
        return List.copyOf(heldBack);
    }
}
